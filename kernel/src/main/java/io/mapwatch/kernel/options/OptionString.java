package io.mapwatch.kernel.options;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The agent's option string, {@code key=value,key=value}, as {@code -javaagent:mapwatch-agent.jar=...}
 * and {@code mapwatch record --agent-options} pass it. A backslash makes the comma after it part of
 * the value ({@code record=/data/a\,b.jfr}), and {@code \\} is one backslash; a backslash before
 * anything else is kept as it is. Quotes are not used: the JVM strips them from
 * {@code JAVA_TOOL_OPTIONS} before the agent sees the string.
 */
public final class OptionString {
    private OptionString() {
    }

    /**
     * One {@code key=value} item.
     *
     * @param key   trimmed and in lower case
     * @param value trimmed, with its escapes resolved; null when the item has no {@code =}
     */
    public record Item(String key, String value) {
    }

    /** The items of {@code text} in order, blank items left out; none for null. */
    public static List<Item> parse(String text) {
        List<Item> items = new ArrayList<>();
        if (text == null) {
            return items;
        }
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == ',') {
                String raw = text.substring(start, i);
                if (!raw.isBlank()) {
                    items.add(item(raw));
                }
                start = i + 1;
            } else if (text.charAt(i) == '\\' && i + 1 < text.length()) {
                i++;
            }
        }
        return items;
    }

    private static Item item(String raw) {
        int eq = raw.indexOf('=');
        String key = (eq < 0 ? raw : raw.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
        return new Item(key, eq < 0 ? null : unescape(raw.substring(eq + 1).trim()));
    }

    private static String unescape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() && (value.charAt(i + 1) == ',' || value.charAt(i + 1) == '\\')) {
                c = value.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }

    /** {@code value} written so that {@link #parse} reads it back whole: commas and backslashes escaped. */
    public static String escape(String value) {
        return value.replace("\\", "\\\\").replace(",", "\\,");
    }
}
