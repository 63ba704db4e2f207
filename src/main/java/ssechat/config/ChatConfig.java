package ssechat.config;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every setting of sse-chat, read here and nowhere else. Each key can be set as an environment
 * variable or a system property of the same name; README lists them.
 */
@ApplicationScoped
public class ChatConfig {

    private static final Logger LOG = Logger.getLogger(ChatConfig.class.getName());
    private static final int MIN_SECRET_BYTES = 32;
    private static final int MIN_ADMIN_PASSWORD_LENGTH = 12;

    @Inject @ConfigProperty(name = "REDIS_URL", defaultValue = "redis://127.0.0.1:6379")
    String redisUrl;
    @Inject @ConfigProperty(name = "REDIS_SENTINELS")
    Optional<String> redisSentinels;
    @Inject @ConfigProperty(name = "REDIS_SENTINEL_MASTER", defaultValue = "mymaster")
    String redisSentinelMaster;
    @Inject @ConfigProperty(name = "REDIS_CLUSTER_NODES")
    Optional<String> redisClusterNodes;
    @Inject @ConfigProperty(name = "CHAT_SECRET")
    Optional<String> secret;
    @Inject @ConfigProperty(name = "CHAT_DEV_MODE", defaultValue = "false")
    boolean devMode;
    @Inject @ConfigProperty(name = "CHAT_NODE_ID")
    Optional<String> nodeId;
    @Inject @ConfigProperty(name = "CHAT_HEARTBEAT_SECONDS", defaultValue = "15")
    int heartbeatSeconds;
    @Inject @ConfigProperty(name = "CHAT_HISTORY_MAX", defaultValue = "10000")
    int historyMax;
    @Inject @ConfigProperty(name = "CHAT_SESSION_HOURS", defaultValue = "24")
    int sessionHours;
    @Inject @ConfigProperty(name = "CHAT_LEAVE_GRACE_MS", defaultValue = "5000")
    long leaveGraceMillis;
    @Inject @ConfigProperty(name = "CHAT_UNSUBSCRIBE_LINGER_MS", defaultValue = "10000")
    long unsubscribeLingerMillis;
    @Inject @ConfigProperty(name = "CHAT_RATE_WINDOW_SECONDS", defaultValue = "10")
    int rateWindowSeconds;
    @Inject @ConfigProperty(name = "CHAT_RATE_USER", defaultValue = "20")
    int rateUser;
    @Inject @ConfigProperty(name = "CHAT_RATE_ADDRESS", defaultValue = "60")
    int rateAddress;
    @Inject @ConfigProperty(name = "CHAT_RATE_SESSIONS", defaultValue = "10")
    int rateSessions;
    @Inject @ConfigProperty(name = "CHAT_MAX_STREAMS_PER_USER", defaultValue = "20")
    int maxStreamsPerUser;
    @Inject @ConfigProperty(name = "CHAT_MAX_STREAMS_PER_ADDRESS", defaultValue = "200")
    int maxStreamsPerAddress;
    @Inject @ConfigProperty(name = "CHAT_TRUSTED_PROXIES")
    Optional<String> trustedProxies;
    @Inject @ConfigProperty(name = "CHAT_REDIS_TIMEOUT_MS", defaultValue = "2000")
    int redisTimeoutMillis;
    @Inject @ConfigProperty(name = "CHAT_REDIS_PROBE_SECONDS", defaultValue = "5")
    int redisProbeSeconds;
    @Inject @ConfigProperty(name = "CHAT_ADMIN_USER", defaultValue = "admin")
    String adminUser;
    @Inject @ConfigProperty(name = "CHAT_ADMIN_PASSWORD")
    Optional<String> adminPassword;
    @Inject @ConfigProperty(name = "CHAT_RESERVED_NAMES",
            defaultValue = "admin,administrator,moderator,mod,system,root,staff,support,official,server,sse-chat")
    String reservedNames;
    @Inject @ConfigProperty(name = "CHAT_ADMIN_LOGIN_FAILURES", defaultValue = "5")
    int adminLoginFailures;
    @Inject @ConfigProperty(name = "CHAT_ADMIN_LOGIN_WINDOW_SECONDS", defaultValue = "900")
    int adminLoginWindowSeconds;
    @Inject @ConfigProperty(name = "CHAT_ADMIN_LOGIN_MAX_BLOCK_SECONDS", defaultValue = "900")
    int adminLoginMaxBlockSeconds;

    private byte[] secretBytes;
    private List<String> trustedProxyList;
    private String resolvedNodeId;

    @PostConstruct
    void validate() {
        secretBytes = secret.filter(s -> !s.isBlank()).map(s -> s.getBytes(StandardCharsets.UTF_8))
                .orElseGet(this::developmentSecret);
        if (secretBytes.length < MIN_SECRET_BYTES) {
            throw new IllegalStateException("CHAT_SECRET must be at least " + MIN_SECRET_BYTES + " bytes long");
        }
        resolvedNodeId = nodeId.filter(s -> !s.isBlank()).orElseGet(ChatConfig::hostAndPort);
        trustedProxyList = commaSeparated(trustedProxies);
        LOG.info(() -> "sse-chat node " + resolvedNodeId + " using " + MaskedUrl.of(redisUrl));
        validateAdmin();
    }

    /** There is no built-in admin password: without one the admin console is off. */
    private void validateAdmin() {
        if (adminPassword().isEmpty()) {
            LOG.info("The admin console is off: set CHAT_ADMIN_PASSWORD (and CHAT_ADMIN_USER, default \"admin\") to turn it on");
        } else if (adminPassword.get().length() < MIN_ADMIN_PASSWORD_LENGTH || adminUser.isBlank() || adminUser.contains(":")) {
            throw new IllegalStateException("CHAT_ADMIN_PASSWORD must be at least " + MIN_ADMIN_PASSWORD_LENGTH
                    + " characters long, and CHAT_ADMIN_USER a name without ':'");
        } else {
            LOG.info(() -> "The admin console is on for user " + adminUser);
        }
    }

    private static List<String> commaSeparated(Optional<String> value) {
        return Arrays.stream(value.orElse("").split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private byte[] developmentSecret() {
        if (!devMode) {
            throw new IllegalStateException("CHAT_SECRET is not set. Set it to a random string of at least "
                    + MIN_SECRET_BYTES + " characters, the same on every node (or CHAT_DEV_MODE=true for a throwaway one).");
        }
        LOG.warning("CHAT_SECRET is not set: development mode uses a random secret, sessions end with this process");
        byte[] random = new byte[MIN_SECRET_BYTES];
        new SecureRandom().nextBytes(random);
        return Base64.getEncoder().encode(random);
    }

    /** Host name plus the HTTP port the server announces, or the process id where no port is known. */
    private static String hostAndPort() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        String port = System.getProperty("payaramicro.port", System.getProperty("jboss.http.port"));
        return host + ":" + (port != null ? port : "pid" + ProcessHandle.current().pid());
    }

    public String redisUrl() { return redisUrl; }
    /** Sentinel addresses ({@code host:port}); empty for a single Redis at {@link #redisUrl()}. */
    public List<String> redisSentinels() { return commaSeparated(redisSentinels); }
    public String redisSentinelMaster() { return redisSentinelMaster; }
    /** Redis Cluster seed nodes ({@code host:port}); empty unless Redis is a Cluster. */
    public List<String> redisClusterNodes() { return commaSeparated(redisClusterNodes); }
    public byte[] secret() { return secretBytes.clone(); }
    public boolean devMode() { return devMode; }
    public String nodeId() { return resolvedNodeId; }
    public Duration heartbeat() { return Duration.ofSeconds(heartbeatSeconds); }
    public int historyMax() { return historyMax; }
    public Duration sessionLifetime() { return Duration.ofHours(sessionHours); }
    public Duration leaveGrace() { return Duration.ofMillis(leaveGraceMillis); }
    /** How long a room's channel stays subscribed after its last stream on this node ended. */
    public Duration unsubscribeLinger() { return Duration.ofMillis(unsubscribeLingerMillis); }
    public Duration rateWindow() { return Duration.ofSeconds(rateWindowSeconds); }
    public int rateUser() { return rateUser; }
    public int rateAddress() { return rateAddress; }
    public int rateSessions() { return rateSessions; }
    /** Open streams allowed per signed-in user and per client address, across the cluster. */
    public int maxStreamsPerUser() { return maxStreamsPerUser; }
    public int maxStreamsPerAddress() { return maxStreamsPerAddress; }
    public List<String> trustedProxies() {
        return trustedProxyList;
    }
    public int redisTimeoutMillis() { return redisTimeoutMillis; }
    public Duration redisProbe() { return Duration.ofSeconds(redisProbeSeconds); }
    public String adminUser() { return adminUser; }
    /** Empty when the admin console is off. */
    public Optional<String> adminPassword() { return adminPassword.filter(s -> !s.isEmpty()); }
    /** Names nobody may take (the admin's user name is added to them). */
    public List<String> reservedNames() { return commaSeparated(Optional.of(reservedNames)); }
    /** Failed admin sign-ins, by one address or for one user name, before each further one waits. */
    public int adminLoginFailures() { return adminLoginFailures; }
    /** How long failed admin sign-ins are remembered after the last one. */
    public Duration adminLoginWindow() { return Duration.ofSeconds(adminLoginWindowSeconds); }
    /** The longest wait after failed admin sign-ins (it doubles from 1 s). */
    public Duration adminLoginMaxBlock() { return Duration.ofSeconds(adminLoginMaxBlockSeconds); }
}
