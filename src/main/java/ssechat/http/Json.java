package ssechat.http;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;

/** Compact JSON output: the event data lines and the message fragments stored in Redis. */
public final class Json {

    /** Writes nulls, because the contract's {@code welcome} event has nullable fields. */
    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withNullValues(true));

    private Json() {
    }

    public static String write(Object value) {
        return JSONB.toJson(value);
    }

    /** Reads JSON that this application wrote, such as another node's figures kept in Redis. */
    public static <T> T read(String json, Class<T> type) {
        return JSONB.fromJson(json, type);
    }

    /** A JSON string literal. Control characters and the JavaScript line separators are escaped. */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
