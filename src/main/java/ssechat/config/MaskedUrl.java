package ssechat.config;

/**
 * A URL as it may be logged or shown: any password in it replaced by {@code ***}. Works on text
 * that is not a valid URL too, as an invalid one must not leak its secret in the error saying so.
 */
public final class MaskedUrl {

    private static final String MASK = "***";

    private MaskedUrl() {
    }

    public static String of(String url) {
        int scheme = url.indexOf("://");
        int from = scheme < 0 ? 0 : scheme + 3;
        // the last '@': a password may hold an unescaped '@' or '/', and masking too much is safe
        int at = url.lastIndexOf('@');
        if (at < from) {
            return url;
        }
        String userInfo = url.substring(from, at);
        int colon = userInfo.indexOf(':');
        String user = scheme >= 0 && colon > 0 && userInfo.substring(0, colon).matches("[^/@]+") ? userInfo.substring(0, colon + 1) : "";
        return url.substring(0, from) + user + MASK + url.substring(at);
    }
}
