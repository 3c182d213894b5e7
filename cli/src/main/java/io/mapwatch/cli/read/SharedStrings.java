package io.mapwatch.cli.read;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One String object for equal texts, across the chunks and parser threads of a pass (or the events
 * of one JFR stream): a recording names the same few paths, triggers and states millions of times,
 * the aggregators look files up by path as often, and a lookup whose key is the very object in the
 * map compares no characters (and the String computes its hash once); and what stays alive between
 * two garbage collections stays small. Bounded: emptied when it holds {@link #LIMIT} texts (a
 * recording of ever new texts, such as messages), which costs only the sharing.
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
