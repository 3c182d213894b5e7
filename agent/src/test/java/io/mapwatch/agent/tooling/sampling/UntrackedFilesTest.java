package io.mapwatch.agent.tooling.sampling;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UntrackedFilesTest {
    private static final long MIB = 1L << 20;

    @Test
    void anAddressFindsItsMappingFileOffsetAndTheFilesRangeLength() {
        UntrackedFiles.Builder builder = new UntrackedFiles.Builder();
        builder.add(0x10000000L, 0x10000000L + 64 * MIB, 0, "/db/a.sst", false);
        builder.add(0x20000000L, 0x20000000L + 64 * MIB, 64 * MIB, "/db/a.sst", false); // the file's second half
        builder.add(0x30000000L, 0x30001000L, 0, "/agent.jar", true);
        builder.add(0xffffffffff600000L, 0xffffffffff601000L, 0, "/vsyscall-like", false); // negative as a long
        UntrackedFiles files = builder.build();

        int second = files.indexOf(0x20000000L + 5 * MIB);
        assertEquals("/db/a.sst", files.path(second));
        assertEquals(69 * MIB, files.fileOffset(second, 0x20000000L + 5 * MIB));
        assertEquals(2 * MIB, files.rangeLength(second), "128 MiB mapped of the file: 64 ranges of 2 MiB");
        assertEquals(2 * MIB, files.rangeLength(files.indexOf(0x10000000L)), "the same for each of its mappings");
        assertTrue(files.own(files.indexOf(0x30000000L)));
        assertEquals(3, files.indexOf(0xffffffffff600800L));
        assertEquals(-1, files.indexOf(0x10000000L + 64 * MIB), "between mappings");
        assertEquals(-1, files.indexOf(0x1000));
        assertEquals(-1, UntrackedFiles.NONE.indexOf(0x10000000L));
    }
}
