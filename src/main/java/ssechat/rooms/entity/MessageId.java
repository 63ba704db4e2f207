package ssechat.rooms.entity;

import java.util.regex.Pattern;

/** Message ids are Redis stream ids, {@code <milliseconds>-<sequence>}, ordered by both numbers. */
public final class MessageId {

    private static final Pattern FORMAT = Pattern.compile("\\d{1,20}-\\d{1,20}");
    /** The smallest and the largest id Redis can hold: nothing comes before or after them. */
    private static final String FIRST = "0-0";
    private static final String LAST = Long.toUnsignedString(-1L) + "-" + Long.toUnsignedString(-1L);

    private MessageId() {
    }

    public static boolean isValid(String id) {
        if (id == null || !FORMAT.matcher(id).matches()) {
            return false;
        }
        int dash = id.indexOf('-');
        return fitsInLong(id.substring(0, dash)) && fitsInLong(id.substring(dash + 1));
    }

    /** Whether a valid id is the largest Redis can hold, which no message id can follow. */
    public static boolean isLast(String id) {
        return compare(id, LAST) == 0;
    }

    /** Whether a valid id is the smallest, which no message id can precede. */
    public static boolean isFirst(String id) {
        return compare(id, FIRST) == 0;
    }

    /** The time part of a valid id: when Redis accepted the message, in epoch milliseconds. */
    public static long millis(String id) {
        return Long.parseLong(id, 0, id.indexOf('-'), 10);
    }

    /** Compares two valid ids without allocating, as it runs once per message per stream. */
    public static int compare(String a, String b) {
        int dashA = a.indexOf('-');
        int dashB = b.indexOf('-');
        int byTime = compareDigits(a, 0, dashA, b, 0, dashB);
        return byTime != 0 ? byTime : compareDigits(a, dashA + 1, a.length(), b, dashB + 1, b.length());
    }

    private static int compareDigits(String a, int fromA, int toA, String b, int fromB, int toB) {
        while (fromA < toA - 1 && a.charAt(fromA) == '0') {
            fromA++;
        }
        while (fromB < toB - 1 && b.charAt(fromB) == '0') {
            fromB++;
        }
        int byLength = Integer.compare(toA - fromA, toB - fromB);
        if (byLength != 0) {
            return byLength;
        }
        for (; fromA < toA; fromA++, fromB++) {
            int byDigit = Character.compare(a.charAt(fromA), b.charAt(fromB));
            if (byDigit != 0) {
                return byDigit;
            }
        }
        return 0;
    }

    private static boolean fitsInLong(String digits) {
        try {
            Long.parseUnsignedLong(digits);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
