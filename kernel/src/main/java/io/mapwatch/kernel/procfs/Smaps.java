package io.mapwatch.kernel.procfs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongPredicate;

/**
 * Parses /proc/PID/smaps and /proc/PID/smaps_rollup: a maps header line per mapping followed by
 * {@code Key:   value kB} lines, into {@link SmapsEntry} values in bytes. Keys it does not know and lines it
 * cannot read are skipped; a key line before any header is ignored.
 */
public final class Smaps {
    private static final int STREAM_BUFFER = 64 * 1024;

    private Smaps() {
    }

    /** All mappings of an smaps text, in its order. */
    public static List<SmapsEntry> parse(CharSequence text) {
        List<SmapsEntry> entries = new ArrayList<>();
        forEach(text, entries::add);
        return entries;
    }

    /** Hands each mapping of an smaps text to {@code action}, in order. */
    public static void forEach(CharSequence text, Consumer<? super SmapsEntry> action) {
        forEach(text, start -> true, action);
    }

    /** Hands {@code action} the mappings of an smaps text whose start address {@code wanted} accepts, in order. */
    public static void forEach(CharSequence text, LongPredicate wanted, Consumer<? super SmapsEntry> action) {
        Collector collector = new Collector(wanted, action);
        AsciiScan.forEachLine(ProcText.of(text), collector);
        collector.finish();
    }

    /** The process totals of an smaps_rollup text, or null if it holds no header line. */
    public static SmapsEntry parseRollup(CharSequence text) {
        List<SmapsEntry> entries = parse(text);
        return entries.isEmpty() ? null : entries.get(0);
    }

    /** All mappings of an smaps file, e.g. {@code /proc/PID/smaps}. */
    public static List<SmapsEntry> read(Path file) throws IOException {
        List<SmapsEntry> entries = new ArrayList<>();
        forEach(file, entries::add);
        return entries;
    }

    /** Hands each mapping of an smaps file to {@code action} while reading it in bounded chunks. */
    public static void forEach(Path file, Consumer<? super SmapsEntry> action) throws IOException {
        forEach(file, start -> true, action);
    }

    /**
     * Hands {@code action} the mappings of an smaps file whose start address {@code wanted} accepts;
     * the figures of the others are not parsed. (The kernel still prints them all: it walks the page
     * tables of every mapping as it prints it, and has no way to ask for some.)
     */
    public static void forEach(Path file, LongPredicate wanted, Consumer<? super SmapsEntry> action) throws IOException {
        Collector collector = new Collector(wanted, action);
        new ProcText(STREAM_BUFFER).forEachLine(file, collector);
        collector.finish();
    }

    /** The process totals of an smaps_rollup file, or null if it holds no header line. */
    public static SmapsEntry readRollup(Path file) throws IOException {
        List<SmapsEntry> entries = read(file);
        return entries.isEmpty() ? null : entries.get(0);
    }

    /** Gathers the key lines following each wanted header line into one entry. */
    private static final class Collector implements AsciiScan.LineHandler {
        private static final String[] KEYS = {
            "Size", "Rss", "Pss", "Shared_Clean", "Shared_Dirty", "Private_Clean", "Private_Dirty",
            "Referenced", "Anonymous", "Swap", "SwapPss", "Locked", "KernelPageSize",
        };

        private final Maps.LineParser headers = new Maps.LineParser();
        private final long[] values = new long[KEYS.length];
        private final LongPredicate wanted;
        private final Consumer<? super SmapsEntry> action;
        private MapsEntry mapping;
        /** A header was read and not wanted: its key lines are skipped. */
        private boolean skipping;

        Collector(LongPredicate wanted, Consumer<? super SmapsEntry> action) {
            this.wanted = wanted;
            this.action = action;
        }

        @Override
        public void line(byte[] text, int from, int to) {
            int keyEnd = AsciiScan.keyEnd(text, from, to);
            if (keyEnd < to && text[keyEnd] == ':') {
                if (skipping) {
                    return;
                }
                int k = AsciiScan.keyIndex(text, from, keyEnd, KEYS);
                if (k >= 0 && mapping != null) {
                    values[k] = AsciiScan.amount(text, keyEnd, to);
                }
                return;
            }
            MapsEntry next = headers.parse(text, from, to);
            if (next != null) {
                finish();
                skipping = !wanted.test(next.start());
                if (!skipping) {
                    mapping = next;
                    Arrays.fill(values, -1);
                }
            }
        }

        void finish() {
            if (mapping != null) {
                action.accept(new SmapsEntry(mapping, values[0], values[1], values[2], values[3], values[4],
                        values[5], values[6], values[7], values[8], values[9], values[10], values[11], values[12]));
                mapping = null;
            }
        }
    }
}
