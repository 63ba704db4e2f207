package ssechat.it;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.event.Event;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import redis.clients.jedis.UnifiedJedis;
import ssechat.config.ChatConfig;
import ssechat.http.ClientAddress;
import ssechat.sessions.control.LegacyRevocations;
import ssechat.sessions.control.ReservedNames;

/**
 * Beans of the stores for tests that run them outside the container: their injected fields are set
 * as the container would set them, from a Redis client and a configuration; CDI events go nowhere.
 */
public final class TestBeans {

    private final UnifiedJedis redis;
    private final ChatConfig config;

    public TestBeans(UnifiedJedis redis, ChatConfig config) {
        this.redis = redis;
        this.config = config;
    }

    /** The bean with its client, configuration and helpers set. */
    public <T> T fill(T bean) {
        for (Class<?> type = bean.getClass(); type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                Object value = valueFor(field.getType());
                if (value != null) {
                    try {
                        field.setAccessible(true);
                        field.set(bean, value);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return bean;
    }

    private Object valueFor(Class<?> type) {
        if (type == UnifiedJedis.class) {
            return redis;
        }
        if (type == ChatConfig.class) {
            return config;
        }
        if (type == ReservedNames.class || type == ClientAddress.class || type == LegacyRevocations.class) {
            return helper(type);
        }
        if (type == Event.class) {
            return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Event.class}, (proxy, method, args) -> null);
        }
        return null;
    }

    /** A helper bean, its fields filled and its @PostConstruct method run. */
    private Object helper(Class<?> type) {
        try {
            Constructor<?> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            Object helper = fill(constructor.newInstance());
            for (Method method : type.getDeclaredMethods()) {
                if (method.isAnnotationPresent(PostConstruct.class)) {
                    method.setAccessible(true);
                    method.invoke(helper);
                }
            }
            return helper;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
