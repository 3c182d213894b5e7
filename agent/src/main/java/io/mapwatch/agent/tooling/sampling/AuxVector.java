package io.mapwatch.agent.tooling.sampling;

import io.mapwatch.kernel.procfs.NativeBytes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Paths;

/** The page size the kernel gave this process ({@code AT_PAGESZ} in {@code /proc/self/auxv}). */
final class AuxVector {
    private static final long AT_NULL = 0;
    private static final long AT_PAGESZ = 6;
    private static final long FALLBACK_PAGE_SIZE = 4096;

    private AuxVector() {
    }

    static long pageSize() {
        try (InputStream in = Files.newInputStream(Paths.get("/proc/self/auxv"))) {
            return pageSize(in.readAllBytes());
        } catch (IOException | RuntimeException e) {
            return FALLBACK_PAGE_SIZE;
        }
    }

    /** AT_PAGESZ from the bytes of an auxiliary vector of 64-bit (type, value) pairs. */
    static long pageSize(byte[] auxv) {
        for (int at = 0; at + 16 <= auxv.length; at += 16) {
            long type = NativeBytes.getLong(auxv, at);
            long value = NativeBytes.getLong(auxv, at + 8);
            if (type == AT_PAGESZ && value > 0) {
                return value;
            }
            if (type == AT_NULL) {
                break;
            }
        }
        return FALLBACK_PAGE_SIZE;
    }
}
