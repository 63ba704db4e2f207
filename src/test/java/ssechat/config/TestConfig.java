package ssechat.config;

import java.util.Optional;

/** A validated configuration for tests that run a store outside the container. */
public final class TestConfig {

    private TestConfig() {
    }

    public static ChatConfig of(String nodeId, int maxStreamsPerUser, int maxStreamsPerAddress) {
        ChatConfig config = new ChatConfig();
        config.secret = Optional.of("x".repeat(32));
        config.nodeId = Optional.of(nodeId);
        config.redisUrl = "redis://127.0.0.1:6379";
        config.trustedProxies = Optional.empty();
        config.redisSentinels = Optional.empty();
        config.redisClusterNodes = Optional.empty();
        config.adminUser = "admin";
        config.adminPassword = Optional.empty();
        config.maxStreamsPerUser = maxStreamsPerUser;
        config.maxStreamsPerAddress = maxStreamsPerAddress;
        config.heartbeatSeconds = 2;
        config.reservedNames = "";
        config.sessionHours = 1;
        config.historyMax = 1000;
        config.rateWindowSeconds = 10;
        config.rateUser = 100;
        config.rateAddress = 100;
        config.rateSessions = 100;
        config.adminLoginFailures = 3;
        config.adminLoginWindowSeconds = 60;
        config.adminLoginMaxBlockSeconds = 60;
        config.validate();
        return config;
    }
}
