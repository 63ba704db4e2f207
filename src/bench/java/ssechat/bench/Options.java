package ssechat.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code <mode> --key=value ...}: the mode first, then options; unknown keys are reported, not ignored. */
final class Options {

    final String mode;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Set<String> read = new LinkedHashSet<>();

    private Options(String mode) {
        this.mode = mode;
    }

    static Options parse(String[] args) {
        Options options = new Options(args.length == 0 ? "help" : args[0]);
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("Expected --key=value, got " + arg);
            }
            int eq = arg.indexOf('=');
            options.values.put(eq < 0 ? arg.substring(2) : arg.substring(2, eq), eq < 0 ? "true" : arg.substring(eq + 1));
        }
        return options;
    }

    String string(String key, String fallback) {
        read.add(key);
        return values.getOrDefault(key, fallback);
    }

    boolean has(String key) {
        read.add(key);
        return values.containsKey(key) && !values.get(key).isEmpty();
    }

    int integer(String key, int fallback) {
        return Integer.parseInt(string(key, String.valueOf(fallback)).replace("_", ""));
    }

    double decimal(String key, double fallback) {
        return Double.parseDouble(string(key, String.valueOf(fallback)));
    }

    boolean flag(String key, boolean fallback) {
        return Boolean.parseBoolean(string(key, String.valueOf(fallback)));
    }

    List<String> list(String key) {
        List<String> items = new ArrayList<>();
        for (String item : string(key, "").split(",")) {
            if (!item.isBlank()) {
                items.add(item.trim());
            }
        }
        return items;
    }

    /** Options given on the command line that no part of the chosen mode read. */
    List<String> unused() {
        List<String> unused = new ArrayList<>(values.keySet());
        unused.removeAll(read);
        return unused;
    }

    /** A copy with some values replaced (for the warm-up run). */
    Options with(Map<String, String> overrides) {
        Options copy = new Options(mode);
        copy.values.putAll(values);
        copy.values.putAll(overrides);
        return copy;
    }

    Map<String, String> given() {
        return values;
    }
}
