package io.mapwatch.cli.read;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One String object for equal texts read in place, across the chunks and parser threads of a pass:
 * the aggregators look files up by path millions of times, and a lookup whose key is the very object
 * in the map compares no characters (and the String computes its hash once). Bounded: emptied when
 * it holds {@link #LIMIT} texts (a recording of ever new texts, such as messages), which costs only
 * the sharing.
 */
final class SharedStrings {
    private static final int LIMIT = 1 << 16;
    private final ConcurrentHashMap<String, String> strings = new ConcurrentHashMap<>();

    /** The object of the texts equal to {@code text} (null for null); from any thread. */
    String share(String text) {
        if (text == null) {
            return null;
        }
        String shared = strings.putIfAbsent(text, text);
        if (shared != null) {
            return shared;
        }
        if (strings.size() > LIMIT) {
            strings.clear();
        }
        return text;
    }
}
