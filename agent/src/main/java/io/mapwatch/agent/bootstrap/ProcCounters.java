package io.mapwatch.agent.bootstrap;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The two /proc figures a failed map is reported with. Read only when a map has failed. */
public final class ProcCounters {
    private ProcCounters() {
    }

    /** Lines of /proc/self/maps, i.e. the mappings of this process; -1 if unreadable. */
    public static long mapCount() {
        try (InputStream in = new FileInputStream("/proc/self/maps")) {
            byte[] buffer = new byte[64 * 1024];
            long lines = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
            return lines;
        } catch (IOException | RuntimeException unreadable) {
            return -1;
        }
    }

    /** vm.max_map_count; -1 if unreadable. */
    public static long maxMapCount() {
        try (InputStream in = new FileInputStream("/proc/sys/vm/max_map_count")) {
            return Long.parseLong(new String(in.readNBytes(64), StandardCharsets.US_ASCII).trim());
        } catch (IOException | RuntimeException unreadable) {
            return -1;
        }
    }
}
