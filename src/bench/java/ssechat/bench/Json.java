package ssechat.bench;

import java.util.Collection;
import java.util.Map;

/** Writes maps, lists, strings, numbers and booleans as indented JSON. */
final class Json {

    private Json() {
    }

    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value, "");
        return out.append('\n').toString();
    }

    private static void write(StringBuilder out, Object value, String indent) {
        if (value instanceof Map<?, ?> map) {
            writeMap(out, map, indent);
        } else if (value instanceof Collection<?> items) {
            out.append('[');
            String sep = "";
            for (Object item : items) {
                out.append(sep);
                write(out, item, indent);
                sep = ", ";
            }
            out.append(']');
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value == null) {
            out.append("null");
        } else {
            quote(out, value.toString());
        }
    }

    private static void writeMap(StringBuilder out, Map<?, ?> map, String indent) {
        String inner = indent + "  ";
        out.append('{');
        String sep = "\n";
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            out.append(sep).append(inner);
            quote(out, String.valueOf(entry.getKey()));
            out.append(": ");
            write(out, entry.getValue(), inner);
            sep = ",\n";
        }
        out.append(map.isEmpty() ? "}" : "\n" + indent + "}");
    }

    static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder();
        quote(out, s);
        return out.toString();
    }
}
