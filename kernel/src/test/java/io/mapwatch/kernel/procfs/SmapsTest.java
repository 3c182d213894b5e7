package io.mapwatch.kernel.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmapsTest {
    private static final long KB = 1024;
    private static final List<SmapsEntry> JVM = Smaps.parse(Fixtures.proc("jvm.smaps"));

    private static SmapsEntry at(long start) {
        return JVM.stream().filter(e -> e.mapping().start() == start).findFirst().orElseThrow();
    }

    @Test
    void everyMappingOfTheTrimmedCapture() {
        assertEquals(30, JVM.size());
        assertEquals(0x687400000L, JVM.get(0).mapping().start());
        assertEquals("[vsyscall]", JVM.get(29).mapping().path());
    }

    @Test
    void partlyResidentFileWithSpacesInItsPath() {
        SmapsEntry e = at(0x7fed16e08000L);
        assertEquals("/tmp/mapwatch fixture/segment 0 of index.bin", e.mapping().path());
        assertEquals(256 * KB, e.size());
        assertEquals(64 * KB, e.rss());
        assertEquals(64 * KB, e.pss());
        assertEquals(0, e.sharedClean());
        assertEquals(0, e.sharedDirty());
        assertEquals(0, e.privateClean());
        assertEquals(64 * KB, e.privateDirty());
        assertEquals(64 * KB, e.referenced());
        assertEquals(0, e.anonymous());
        assertEquals(0, e.swap());
        assertEquals(0, e.swapPss());
        assertEquals(0, e.locked());
        assertEquals(4 * KB, e.kernelPageSize());
    }

    @Test
    void codeOfTheJvm() {
        SmapsEntry e = at(0x7fed40852000L);
        assertEquals("/usr/lib/jvm/java-17-openjdk-amd64/lib/server/libjvm.so", e.mapping().path());
        assertEquals("r-xp", e.mapping().permissions());
        assertEquals(13664 * KB, e.size());
        assertEquals(10936 * KB, e.rss());
        assertEquals(10936 * KB, e.privateClean());
        assertEquals(0, e.privateDirty());
    }

    @Test
    void deletedFileStillResident() {
        SmapsEntry e = at(0x7fed4001a000L);
        assertEquals("/tmp/mapwatch fixture/doomed.log", e.mapping().path());
        assertTrue(e.mapping().deleted());
        assertEquals(64 * KB, e.rss());
        assertEquals(64 * KB, e.privateDirty());
    }

    @Test
    void copyOnWriteOfAPrivateFileMappingIsAnonymous() {
        SmapsEntry e = at(0x7fed4041e000L);
        assertEquals("/tmp/mapwatch fixture/index.bin", e.mapping().path());
        assertEquals(32 * KB, e.size());
        assertEquals(16 * KB, e.rss());
        assertEquals(16 * KB, e.anonymous());
    }

    @Test
    void heap() {
        SmapsEntry e = at(0x55deb73d8000L);
        assertEquals("[heap]", e.mapping().path());
        assertEquals(104 * KB, e.anonymous());
    }

    @Test
    void stringAndFileGiveTheSameMappings() throws IOException {
        assertEquals(JVM, Smaps.parse(Fixtures.string("jvm.smaps")));
        assertEquals(JVM, Smaps.read(Fixtures.path("jvm.smaps")));
    }

    @Test
    void rollupHoldsTheProcessTotals() throws IOException {
        SmapsEntry rollup = Smaps.parseRollup(Fixtures.proc("jvm.smaps_rollup"));
        assertEquals("[rollup]", rollup.mapping().path());
        assertEquals(40656 * KB, rollup.rss());
        assertEquals(38681 * KB, rollup.pss());
        assertEquals(2464 * KB, rollup.sharedClean());
        assertEquals(0, rollup.sharedDirty());
        assertEquals(18628 * KB, rollup.privateClean());
        assertEquals(19564 * KB, rollup.privateDirty());
        assertEquals(40656 * KB, rollup.referenced());
        assertEquals(19280 * KB, rollup.anonymous());
        assertEquals(0, rollup.swap());
        // smaps_rollup prints no Size and no KernelPageSize: not measured, so -1 rather than 0.
        assertEquals(-1, rollup.size());
        assertEquals(-1, rollup.kernelPageSize());
        assertEquals(rollup, Smaps.readRollup(Fixtures.path("jvm.smaps_rollup")));
    }

    @Test
    void fieldsAbsentFromTheTextAreMinusOne() {
        SmapsEntry e = Smaps.parse("7f0000000000-7f0000001000 r--s 00000000 fd:01 5 /a\nRss:  4 kB\n").get(0);
        assertEquals(4096, e.rss());
        assertEquals(-1, e.size());
        assertEquals(-1, e.pss());
        assertEquals(-1, e.swapPss());
        assertEquals(-1, e.locked());
    }

    @Test
    void oddLinesAreSkipped() {
        String text = "Rss: 99 kB\n"
                + "7f0000000000-7f0000001000 r--s 00000000 fd:01 5 /a b\n"
                + "Rss:   8 kB   \n"
                + "Pss: lots kB\n"
                + "Unknown_Key: 7 kB\n"
                + "this is not a line of smaps\n"
                + "VmFlags: rd sh mr mw me ms \n"
                + "\n"
                + "7f0000001000-7f0000002000 rw-p 00000000 00:00 0 \n"
                + "Swap: 12 kB";
        List<SmapsEntry> entries = Smaps.parse(text);
        assertEquals(2, entries.size());
        assertEquals("/a b", entries.get(0).mapping().path());
        assertEquals(8 * KB, entries.get(0).rss());
        assertEquals(-1, entries.get(0).pss());
        assertEquals(-1, entries.get(0).swap());
        assertEquals(12 * KB, entries.get(1).swap());
        assertEquals(-1, entries.get(1).rss());
    }

    @Test
    void onlyTheWantedMappingsAreParsed() throws IOException {
        long segment = 0x7fed16e08000L;
        List<SmapsEntry> wanted = new java.util.ArrayList<>();
        Smaps.forEach(Fixtures.path("jvm.smaps"), start -> start == segment, wanted::add);
        assertEquals(List.of(at(segment)), wanted, "the one wanted mapping, with all its figures");

        List<SmapsEntry> fromText = new java.util.ArrayList<>();
        Smaps.forEach("7f0000000000-7f0000001000 r--s 00000000 fd:01 5 /a\nReferenced: 4 kB\n"
                + "7f0000001000-7f0000002000 r--s 00000000 fd:01 6 /b\nReferenced: 8 kB\n", start -> start == 0x7f0000001000L,
                fromText::add);
        assertEquals(1, fromText.size());
        assertEquals("/b", fromText.get(0).mapping().path());
        assertEquals(8 * KB, fromText.get(0).referenced(), "the figures of the mapping skipped before it are not its own");
    }

    @Test
    void emptyText() {
        assertEquals(List.of(), Smaps.parse(""));
        assertNull(Smaps.parseRollup(""));
    }

    @Test
    void fiftyThousandMappingsStreamFromAFile(@TempDir Path dir) throws IOException {
        StringBuilder text = new StringBuilder();
        long address = 0x7f0000000000L;
        for (int i = 0; i < 50_000; i++) {
            text.append(Long.toHexString(address)).append('-').append(Long.toHexString(address + 0x4000))
                    .append(" r--s 00000000 fd:01 ").append(i).append("   /srv/index/segment ").append(i).append('\n')
                    .append("Size:                 16 kB\nKernelPageSize:        4 kB\nMMUPageSize:           4 kB\n")
                    .append("Rss:                  ").append(i % 5).append(" kB\nPss:                  8 kB\n")
                    .append("Shared_Clean:          0 kB\nShared_Dirty:          0 kB\nPrivate_Clean:         8 kB\n")
                    .append("Private_Dirty:         0 kB\nReferenced:            8 kB\nAnonymous:             0 kB\n")
                    .append("Swap:                  0 kB\nSwapPss:               0 kB\nLocked:                0 kB\n")
                    .append("THPeligible:           0\nVmFlags: rd mr me ms \n");
            address += 0x5000;
        }
        Path file = dir.resolve("smaps");
        Files.writeString(file, text);

        long[] count = {0};
        long[] rss = {0};
        long start = System.nanoTime();
        Smaps.forEach(file, e -> {
            count[0]++;
            rss[0] += e.rss();
        });
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(50_000, count[0]);
        assertEquals(50_000 / 5 * (0 + 1 + 2 + 3 + 4) * KB, rss[0]);
        // One cold pass; the bound only catches a pathological slowdown.
        assertTrue(millis < 3_000, "took " + millis + " ms");
    }
}
