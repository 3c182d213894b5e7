package io.mapwatch.testapps;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** {@code --key value} arguments of a workload, with defaults. */
public final class Args {
    private final Map<String, String> values = new HashMap<>();

    public Args(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --key value, got " + args[i]);
            }
            String key = args[i].substring(2);
            String value = i + 1 < args.length && !args[i + 1].startsWith("--") ? args[++i] : "true";
            values.put(key, value);
        }
    }

    public String string(String key, String def) {
        return values.getOrDefault(key, def);
    }

    public int integer(String key, int def) {
        return values.containsKey(key) ? Integer.parseInt(values.get(key)) : def;
    }

    public double decimal(String key, double def) {
        return values.containsKey(key) ? Double.parseDouble(values.get(key)) : def;
    }

    public boolean flag(String key) {
        return Boolean.parseBoolean(values.getOrDefault(key, "false"));
    }

    /** A size such as {@code 4096}, {@code 4k}, {@code 64m}, {@code 1g}. */
    public long bytes(String key, String def) {
        return parseBytes(values.getOrDefault(key, def));
    }

    public Path path(String key, String def) {
        String value = values.getOrDefault(key, def);
        return value == null ? null : Paths.get(value);
    }

    public static long parseBytes(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        char last = t.charAt(t.length() - 1);
        if (last == 'k') {
            unit = 1L << 10;
        } else if (last == 'm') {
            unit = 1L << 20;
        } else if (last == 'g') {
            unit = 1L << 30;
        }
        if (unit != 1) {
            t = t.substring(0, t.length() - 1);
        }
        return Long.parseLong(t) * unit;
    }
}
