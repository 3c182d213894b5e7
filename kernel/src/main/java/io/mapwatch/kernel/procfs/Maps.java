package io.mapwatch.kernel.procfs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Parses /proc/PID/maps, the list of a process's memory areas, one {@link MapsEntry} per line; lines that are
 * not maps lines are skipped. Built for 50,000-line files: no regular expressions, and the permission, device
 * and path strings of consecutive lines are shared.
 */
public final class Maps {
    private static final String DELETED = " (deleted)";
    private static final int STREAM_BUFFER = 64 * 1024;

    private Maps() {
    }

    /** All areas in a maps text, in its order. */
    public static List<MapsEntry> parse(CharSequence text) {
        List<MapsEntry> entries = new ArrayList<>();
        forEach(text, entries::add);
        return entries;
    }

    /** Hands each area of a maps text to {@code action}, in order. */
    public static void forEach(CharSequence text, Consumer<? super MapsEntry> action) {
        LineParser parser = new LineParser();
        AsciiScan.forEachLine(ProcText.of(text), (t, from, to) -> parser.accept(t, from, to, action));
    }

    /** The number of areas: lines holding more than blanks. */
    public static int count(CharSequence text) {
        ProcText bytes = ProcText.of(text);
        byte[] b = bytes.bytes();
        int length = bytes.length();
        int count = 0;
        boolean content = false;
        for (int i = 0; i < length; i++) {
            byte c = b[i];
            if (c == '\n') {
                count += content ? 1 : 0;
                content = false;
            } else if (!AsciiScan.isBlank(c)) {
                content = true;
            }
        }
        return count + (content ? 1 : 0);
    }

    /** All areas of a maps file, e.g. {@code /proc/self/maps}. */
    public static List<MapsEntry> read(Path file) throws IOException {
        List<MapsEntry> entries = new ArrayList<>();
        forEach(file, entries::add);
        return entries;
    }

    /** Hands each area of a maps file to {@code action} while reading it in bounded chunks. */
    public static void forEach(Path file, Consumer<? super MapsEntry> action) throws IOException {
        LineParser parser = new LineParser();
        new ProcText(STREAM_BUFFER).forEachLine(file, (t, from, to) -> parser.accept(t, from, to, action));
    }

    /** The number of areas in a maps file (its non-blank lines), read in bounded chunks without parsing. */
    public static int count(Path file) throws IOException {
        int[] count = {0};
        new ProcText(STREAM_BUFFER).forEachLine(file, (t, from, to) -> {
            if (AsciiScan.skipBlanks(t, from, to) < to) {
                count[0]++;
            }
        });
        return count[0];
    }

    /**
     * Parses maps lines, reusing the strings of the previous line where they are the same (a library's
     * segments are consecutive lines with one path).
     */
    static final class LineParser {
        /** Permission strings indexed by {@code r w x s} bits, so that no line allocates one. */
        private static final String[] PERMISSIONS = new String[16];

        static {
            for (int bits = 0; bits < 16; bits++) {
                PERMISSIONS[bits] = new String(new char[] {
                    (bits & 8) != 0 ? 'r' : '-', (bits & 4) != 0 ? 'w' : '-',
                    (bits & 2) != 0 ? 'x' : '-', (bits & 1) != 0 ? 's' : 'p'});
            }
        }

        private String lastDevice;
        private String lastPath;

        void accept(byte[] text, int from, int to, Consumer<? super MapsEntry> action) {
            MapsEntry entry = parse(text, from, to);
            if (entry != null) {
                action.accept(entry);
            }
        }

        /** The area on the line in the range, or null if the line is not a maps line. */
        MapsEntry parse(byte[] text, int from, int to) {
            int i = AsciiScan.skipBlanks(text, from, to);
            int dash = i;
            while (dash < to && text[dash] != '-' && !AsciiScan.isBlank(text[dash])) {
                dash++;
            }
            if (dash == to || text[dash] != '-') {
                return null;
            }
            long start = AsciiScan.hex(text, i, dash);
            int end = AsciiScan.fieldEnd(text, dash + 1, to);
            long endAddress = AsciiScan.hex(text, dash + 1, end);

            i = AsciiScan.skipBlanks(text, end, to);
            end = AsciiScan.fieldEnd(text, i, to);
            String permissions = permissions(text, i, end);

            i = AsciiScan.skipBlanks(text, end, to);
            end = AsciiScan.fieldEnd(text, i, to);
            long offset = AsciiScan.hex(text, i, end);

            i = AsciiScan.skipBlanks(text, end, to);
            end = AsciiScan.fieldEnd(text, i, to);
            if (i == end) {
                return null;
            }
            String device = lastDevice != null && AsciiScan.regionEquals(text, i, end, lastDevice)
                    ? lastDevice : AsciiScan.string(text, i, end);

            i = AsciiScan.skipBlanks(text, end, to);
            end = AsciiScan.fieldEnd(text, i, to);
            long inode = AsciiScan.decimal(text, i, end);

            if (start == AsciiScan.NOT_A_NUMBER || endAddress == AsciiScan.NOT_A_NUMBER || permissions == null
                    || offset == AsciiScan.NOT_A_NUMBER || inode == AsciiScan.NOT_A_NUMBER) {
                return null;
            }
            lastDevice = device;

            int pathStart = AsciiScan.skipBlanks(text, end, to);
            int pathEnd = to;
            boolean deleted = AsciiScan.regionEndsWith(text, pathStart, pathEnd, DELETED);
            if (deleted) {
                pathEnd -= DELETED.length();
            }
            String path = null;
            if (pathStart < pathEnd) {
                path = lastPath != null && AsciiScan.regionEquals(text, pathStart, pathEnd, lastPath)
                        ? lastPath : AsciiScan.string(text, pathStart, pathEnd);
                lastPath = path;
            }
            return new MapsEntry(start, endAddress, permissions, offset, device, inode, path, deleted);
        }

        private static String permissions(byte[] text, int from, int to) {
            if (to - from != 4) {
                return null;
            }
            int bits = flag(text[from], 'r', 8) | flag(text[from + 1], 'w', 4) | flag(text[from + 2], 'x', 2);
            byte sharing = text[from + 3];
            if (bits < 0 || (sharing != 's' && sharing != 'p')) {
                return AsciiScan.string(text, from, to);
            }
            return PERMISSIONS[bits | (sharing == 's' ? 1 : 0)];
        }

        /** {@code bit} for the letter, 0 for {@code -}, and a negative number for anything else. */
        private static int flag(byte c, char letter, int bit) {
            return c == letter ? bit : c == '-' ? 0 : Integer.MIN_VALUE;
        }
    }
}
