package ssechat.dev;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What a development run starts: the HTTP port, the state directory (Redis data, kept secrets, logs),
 * Payara Micro's jar, the WAR, the boot and logging files, the Redis to use (null: an embedded one)
 * and this node's id, by which the health check knows its own node from another server on the port.
 */
record DevSettings(int port, Path state, Path payaraJar, Path war, Path preboot, Path logProperties,
        String redisUrl, String nodeId, Map<String, String> env, Duration patience) {

    static final String PORT_PROPERTY = "chat.port";

    /** From the run profile's system properties and the environment. */
    static DevSettings fromSystem() {
        Map<String, String> env = System.getenv();
        String redisUrl = env.get("REDIS_URL");
        return new DevSettings(Integer.getInteger(PORT_PROPERTY, 8080), Path.of("target", "dev"),
                Path.of(System.getProperty("payara.microJar", "target/payara-micro.jar")),
                Path.of(System.getProperty("chat.war", "target/sse-chat.war")),
                Path.of(System.getProperty("chat.preboot", "server-config/payara-micro/preboot.asadmin")),
                Path.of(System.getProperty("chat.devLogging", "server-config/payara-micro/dev-logging.properties")),
                redisUrl == null || redisUrl.isBlank() ? null : redisUrl,
                env.getOrDefault("CHAT_NODE_ID", "dev-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0x100000))),
                env, Duration.ofMinutes(2));
    }
}
