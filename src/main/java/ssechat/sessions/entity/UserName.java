package ssechat.sessions.entity;

import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;
import jakarta.ws.rs.core.Response.Status;
import java.util.regex.Pattern;
import ssechat.http.ApiException;

/** The contract's user names: 1 to 32 Unicode letters, digits, {@code _ - .}. */
public final class UserName {

    private static final Pattern VALID = Pattern.compile("[\\p{L}\\p{N}_.-]{1,32}");
    private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();
    /** Immutable once built, so one serves every thread; building it loads the confusables data. */
    private static final SpoofChecker CONFUSABLES = new SpoofChecker.Builder().build();

    private UserName() {
    }

    public static String require(String name) {
        if (name == null || !VALID.matcher(name).matches()) {
            throw ApiException.badRequest("invalid_name",
                    "A name is 1 to 32 letters, digits, '_', '-' or '.', without spaces");
        }
        return name;
    }

    /**
     * The form under which a name is claimed: its confusable skeleton (Unicode TS #39) of the
     * NFKC-casefolded name, casefolded again (skeletons map to capitals too: "0" to "O"). So
     * "Alice", "ａｌｉｃｅ" and "аlice" (Cyrillic а) have one form, and only one can be held.
     */
    public static String claimForm(String name) {
        return NFKC_CASEFOLD.normalize(CONFUSABLES.getSkeleton(NFKC_CASEFOLD.normalize(name)));
    }

    public static ApiException taken() {
        return new ApiException(Status.CONFLICT, "name_taken", "Someone is already using this name, or one that looks the same");
    }

    public static ApiException reserved() {
        return new ApiException(Status.CONFLICT, "name_reserved", "This name, or one that looks like it, is reserved");
    }
}
