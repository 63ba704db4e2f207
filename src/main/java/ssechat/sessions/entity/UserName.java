package ssechat.sessions.entity;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;
import ssechat.http.ApiException;

/** The contract's user names: 1 to 32 Unicode letters, digits, {@code _ - .}. */
public final class UserName {

    private static final Pattern VALID = Pattern.compile("[\\p{L}\\p{N}_.-]{1,32}");

    private UserName() {
    }

    public static String require(String name) {
        if (name == null || !VALID.matcher(name).matches()) {
            throw ApiException.badRequest("invalid_name",
                    "A name is 1 to 32 letters, digits, '_', '-' or '.', without spaces");
        }
        return name;
    }

    /** The form under which a name is claimed, so that "Alice" and "ａｌｉｃｅ" cannot both be held. */
    public static String claimForm(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }
}
