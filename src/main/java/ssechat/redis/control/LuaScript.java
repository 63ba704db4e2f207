package ssechat.redis.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A Lua script shipped beside the class that runs it, sent by SHA and by source only when Redis lacks it.
 * On a Redis Cluster it runs as its sharded variant: its {@code PUBLISH}es are {@code SPUBLISH}es, which
 * reach only the shard that owns the channel's slot (every script declares its channel among its KEYS);
 * classic {@code PUBLISH} stays for a single Redis or Sentinel, so that Redis 6 still works there.
 */
public record LuaScript(String source, String sha, String shardedSha) {

    private static final String PUBLISH = "redis.call('PUBLISH',";
    private static final String SHARDED_PUBLISH = "redis.call('SPUBLISH',";

    public static LuaScript load(Class<?> owner, String name) {
        return of(read(owner, name));
    }

    /** A script made of the given Lua source, for example a shared function followed by a script that calls it. */
    public static LuaScript of(String source) {
        return new LuaScript(source, sha1(source), sha1(sharded(source)));
    }

    /** The text of a Lua file shipped beside {@code owner}. */
    public static String read(Class<?> owner, String name) {
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing Lua script " + name + " beside " + owner.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Object run(UnifiedJedis redis, List<String> keys, List<String> args) {
        boolean cluster = redis instanceof RedisClusterClient;
        try {
            return redis.evalsha(cluster ? shardedSha : sha, keys, args);
        } catch (JedisNoScriptException e) {
            return redis.eval(cluster ? sharded(source) : source, keys, args);
        }
    }

    /** The source with its publishes sharded. */
    static String sharded(String source) {
        return source.replace(PUBLISH, SHARDED_PUBLISH);
    }

    private static String sha1(String source) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
