package ssechat.admin.entity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The configured admin user and password, kept as SHA-256 digests and compared in constant time:
 * how long a check takes tells nothing about how much of a guess was right, or its length.
 */
public final class AdminCredentials {

    private final byte[] user;
    private final byte[] password;

    public AdminCredentials(String user, String password) {
        this.user = digest(user);
        this.password = digest(password);
    }

    public boolean matches(String candidateUser, String candidatePassword) {
        boolean userMatches = MessageDigest.isEqual(user, digest(candidateUser));
        boolean passwordMatches = MessageDigest.isEqual(password, digest(candidatePassword));
        return userMatches & passwordMatches;
    }

    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
