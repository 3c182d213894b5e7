package io.mapwatch.agent.tooling.sampling;

import io.mapwatch.kernel.procfs.ProcText;

import java.io.IOException;
import java.io.RandomAccessFile;

/** Small reads of single-value /proc files. */
final class ProcFiles {
    private ProcFiles() {
    }

    /** The number a file such as /proc/sys/vm/max_map_count holds; -1 if unreadable. */
    static long readLong(String file) {
        try (RandomAccessFile in = new RandomAccessFile(file, "r")) {
            CharSequence text = new ProcText(64).read(in);
            return Long.parseLong(text.toString().trim());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
