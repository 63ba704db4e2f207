package ssechat.http;

import java.util.Locale;

/** The body of every error answer: a stable code for programs and a sentence for people. */
public record ApiError(String error, String message) {

    /** The error for a bare HTTP status, coded after its reason phrase: 405 is {@code method_not_allowed}. */
    public static ApiError forStatus(int status, String reasonPhrase) {
        return new ApiError(reasonPhrase.toLowerCase(Locale.ROOT).replace(' ', '_'), reasonPhrase);
    }
}
