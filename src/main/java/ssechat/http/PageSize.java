package ssechat.http;

/** The {@code count} of a listing: a whole number from 1 to 200. */
public final class PageSize {

    public static final int MAX = 200;

    private PageSize() {
    }

    public static int require(String count) {
        try {
            int value = Integer.parseInt(count);
            if (value >= 1 && value <= MAX) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("invalid_count", "count must be a whole number from 1 to " + MAX);
    }
}
