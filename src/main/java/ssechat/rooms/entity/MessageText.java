package ssechat.rooms.entity;

import ssechat.http.ApiException;

/** The contract's message text: 1 to 2000 code points, not only white space, no NUL, valid Unicode. */
public final class MessageText {

    public static final int MAX_CODE_POINTS = 2000;

    private MessageText() {
    }

    public static String require(String text) {
        if (text.isBlank()) {
            throw ApiException.badRequest("invalid_text", "A message cannot be empty");
        }
        if (text.codePointCount(0, text.length()) > MAX_CODE_POINTS) {
            throw ApiException.badRequest("text_too_long", "A message is at most " + MAX_CODE_POINTS + " characters");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                throw ApiException.badRequest("invalid_text", "A message cannot contain the NUL character");
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw ApiException.badRequest("invalid_text", "A message must be valid Unicode (a lone surrogate was sent)");
            }
        }
        return text;
    }
}
