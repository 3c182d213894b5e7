package io.mapwatch.kernel.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MapsTest {
    private static final List<MapsEntry> JVM = Maps.parse(Fixtures.proc("jvm.maps"));

    private static MapsEntry at(long start) {
        return JVM.stream().filter(e -> e.start() == start).findFirst().orElseThrow();
    }

    @Test
    void everyLineOfTheCapturedJvmIsAnArea() {
        assertEquals(218, JVM.size());
        assertEquals(218, Maps.count(Fixtures.proc("jvm.maps")));
    }

    @Test
    void fileMappingWithSpacesInItsPath() {
        MapsEntry e = at(0x7fed16e08000L);
        assertEquals(0x7fed16e48000L, e.end());
        assertEquals("r--s", e.permissions());
        assertEquals(0, e.offset());
        assertEquals("fe:00", e.device());
        assertEquals(1098305, e.inode());
        assertEquals("/tmp/mapwatch fixture/segment 0 of index.bin", e.path());
        assertFalse(e.deleted());
        assertTrue(e.isFile());
        assertTrue(e.isShared());
        assertEquals(64 * 4096, e.size());
    }

    @Test
    void deletedFileIsReportedWithoutTheSuffix() {
        MapsEntry e = at(0x7fed4001a000L);
        assertEquals("/tmp/mapwatch fixture/doomed.log", e.path());
        assertTrue(e.deleted());
        assertTrue(e.isFile());
        assertEquals("rw-s", e.permissions());
        assertEquals(16 * 4096, e.size());
    }

    @Test
    void privateMappingOfAFileIsNotShared() {
        MapsEntry e = at(0x7fed4041e000L);
        assertEquals("/tmp/mapwatch fixture/index.bin", e.path());
        assertEquals("rw-p", e.permissions());
        assertFalse(e.isShared());
    }

    @Test
    void offsetIsHex() {
        MapsEntry e = at(0x7ffb00000L);
        assertEquals("/usr/lib/jvm/java-17-openjdk-amd64/lib/server/classes.jsa", e.path());
        assertEquals(0x00c7b000L, e.offset());
        assertEquals(5062657, e.inode());
    }

    @Test
    void anonymousAreaEndingInABlankHasNoPath() {
        MapsEntry e = JVM.get(0);
        assertEquals(0x687400000L, e.start());
        assertEquals(0x69f000000L, e.end());
        assertEquals("rw-p", e.permissions());
        assertEquals("00:00", e.device());
        assertEquals(0, e.inode());
        assertNull(e.path());
        assertFalse(e.isFile());
    }

    @Test
    void pseudoAreasAreNotFiles() {
        List<MapsEntry> pseudo = JVM.stream().filter(e -> e.path() != null && e.path().startsWith("["))
                .collect(Collectors.toList());
        assertEquals(List.of("[heap]", "[vvar]", "[vvar_vclock]", "[vdso]", "[stack]", "[vsyscall]"),
                pseudo.stream().map(MapsEntry::path).collect(Collectors.toList()));
        assertTrue(pseudo.stream().noneMatch(MapsEntry::isFile));
        MapsEntry vsyscall = pseudo.get(pseudo.size() - 1);
        assertEquals(0xffffffffff600000L, vsyscall.start());
        assertEquals(4096, vsyscall.size());
        assertEquals("--xp", vsyscall.permissions());
    }

    @Test
    void zgcHeapIsSharedMemoryNotAFile() {
        List<MapsEntry> zgc = Maps.parse(Fixtures.proc("zgc-jvm.maps"));
        List<MapsEntry> heap = zgc.stream().filter(e -> "/memfd:java_heap".equals(e.path())).collect(Collectors.toList());
        assertEquals(3, heap.size(), "ZGC maps its heap three times, one view per colour");
        for (MapsEntry view : heap) {
            assertTrue(view.deleted());
            assertTrue(view.isShared());
            assertTrue(view.isKernelSharedMemory());
            assertFalse(view.isFile());
        }
        assertEquals(0x40000000000L, heap.get(0).start());
        assertEquals(64L << 20, heap.get(0).size());
        List<String> files = zgc.stream().filter(MapsEntry::isFile).map(MapsEntry::path).distinct().sorted()
                .collect(Collectors.toList());
        assertEquals(31, files.size(), files.toString());
        assertTrue(files.contains("/usr/lib/jvm/java-17-openjdk-amd64/lib/modules"), files.toString());
        assertTrue(files.stream().noneMatch(f -> f.contains("memfd")), files.toString());
    }

    @Test
    void sharedMemoryOfTheKernelIsNotAFile() {
        List<MapsEntry> shared = Maps.parse(Fixtures.proc("shared-memory.maps"));
        assertEquals(List.of("anon_inode:[io_uring]", "/dev/zero", "/SYSV00000000", "/dev/zero", "/dev/zero",
                        "/memfd:mapwatch fixture"),
                shared.stream().map(MapsEntry::path).collect(Collectors.toList()));
        assertEquals(List.of(false, true, true, false, true, true),
                shared.stream().map(MapsEntry::deleted).collect(Collectors.toList()));
        assertTrue(shared.stream().noneMatch(MapsEntry::isFile));
        assertFalse(shared.get(0).isKernelSharedMemory(), "an anon_inode area is a pseudo area, not shared memory");
        assertTrue(shared.subList(1, 6).stream().allMatch(MapsEntry::isKernelSharedMemory));
    }

    @Test
    void aFileUnlinkedWhileMappedIsStillAFileWhateverItsName() {
        for (String path : new String[]{"/srv/memfd:x.bin", "/data/SYSV00000000", "/dev/shm/queue", "/dev/zero.bak"}) {
            MapsEntry e = MapsEntry.parse("7f0000000000-7f0000001000 rw-s 00000000 00:1a 12 " + path + " (deleted)");
            assertEquals(path, e.path());
            assertTrue(e.isFile(), path);
        }
    }

    @Test
    void segmentsOfOneLibraryShareTheirStrings() {
        List<MapsEntry> libjvm = JVM.stream().filter(e -> e.path() != null && e.path().endsWith("/libjvm.so"))
                .collect(Collectors.toList());
        assertEquals(5, libjvm.size());
        assertSame(libjvm.get(0).path(), libjvm.get(4).path());
        assertSame(libjvm.get(0).device(), libjvm.get(4).device());
        assertEquals(List.of("r--p", "r-xp", "r--p", "r--p", "rw-p"),
                libjvm.stream().map(MapsEntry::permissions).collect(Collectors.toList()));
    }

    @Test
    void stringBytesAndFileGiveTheSameAreas() throws IOException {
        assertEquals(JVM, Maps.parse(Fixtures.string("jvm.maps")));
        assertEquals(JVM, Maps.read(Fixtures.path("jvm.maps")));
        assertEquals(218, Maps.count(Fixtures.path("jvm.maps")));
    }

    @Test
    void pathKeepsInnerBlanksAndEverythingAfterTheInodeColumn() {
        MapsEntry e = MapsEntry.parse(
                "7f0000000000-7f0000001000 r--s 00001000 fd:01 42                /srv/a  b /c d.bin");
        assertEquals("/srv/a  b /c d.bin", e.path());
        assertEquals(0x1000, e.offset());
        assertEquals("fd:01", e.device());
        assertEquals(42, e.inode());
    }

    @Test
    void deletedSuffixIsStrippedFromAPathWithSpaces() {
        MapsEntry e = MapsEntry.parse(
                "7f0000000000-7f0000002000 rw-s 00000000 fd:01 7 /data/old segment.bin (deleted)\n");
        assertEquals("/data/old segment.bin", e.path());
        assertTrue(e.deleted());
        assertEquals(8192, e.size());
    }

    @Test
    void pathOfFourThousandCharacters() {
        String path = "/" + "d".repeat(3999);
        MapsEntry e = MapsEntry.parse("7f0000000000-7f0000001000 r--p 00000000 fd:01 9 " + path);
        assertEquals(4000, e.path().length());
        assertEquals(path, e.path());
    }

    @Test
    void anonymousAreaWithTrailingBlanksHasNoPath() {
        MapsEntry e = MapsEntry.parse("7f0000000000-7f0000001000 rw-p 00000000 00:00 0      \t ");
        assertNull(e.path());
        assertFalse(e.deleted());
    }

    @Test
    void labelledAnonymousMemoryIsNotAFile() {
        MapsEntry e = MapsEntry.parse("7f0000000000-7f0000001000 rw-p 00000000 00:00 0  [anon:java heap]");
        assertEquals("[anon:java heap]", e.path());
        assertFalse(e.isFile());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "garbage",
            "7f0000000000-7f0000001000",
            "7f0000000000-7f0000001000 r--p 00000000 fd:01",
            "7f0000000000-7f0000001000 r--p 00000000 fd:01 notanumber /x",
            "zz-7f0000001000 r--p 00000000 fd:01 1 /x",
            "7f0000000000-7f0000001000 r--pp 00000000 fd:01 1 /x",
            "17f00000000000000-7f0000001000 r--p 00000000 fd:01 1 /x"})
    void linesWithMissingOrBadFieldsAreNotAreas(String text) {
        assertNull(MapsEntry.parse(text), text);
    }

    @Test
    void badLinesAreSkippedAndTheRestKept() {
        String text = "\n7f0000000000-7f0000001000 r--p 00000000 fd:01 1 /a\nnot a maps line\n\n"
                + "7f0000001000-7f0000003000 rw-p 00000000 00:00 0 ";
        List<MapsEntry> entries = Maps.parse(text);
        assertEquals(2, entries.size());
        assertEquals("/a", entries.get(0).path());
        assertEquals(8192, entries.get(1).size());
        assertEquals(3, Maps.count(text));
    }

    @Test
    void emptyText() {
        assertEquals(List.of(), Maps.parse(""));
        assertEquals(0, Maps.count(""));
        assertEquals(0, Maps.count("\n \n"));
    }

    @Test
    void utf8PathsAreDecodedFromTheFileBytes(@TempDir Path dir) throws IOException {
        String line = "7f0000000000-7f0000001000 r--s 00000000 fd:01 3 /data/índice ü.bin\n";
        Path file = dir.resolve("maps");
        Files.write(file, line.getBytes(StandardCharsets.UTF_8));
        assertEquals("/data/índice ü.bin", Maps.read(file).get(0).path());
        assertEquals("/data/índice ü.bin", Maps.parse(new ProcText().read(file)).get(0).path());
        assertEquals("/data/índice ü.bin", MapsEntry.parse(line).path());
    }

    @Test
    void fiftyThousandLinesReadFromAFileInChunks(@TempDir Path dir) throws IOException {
        String text = manyLines(50_000);
        Path file = dir.resolve("maps");
        Files.writeString(file, text);

        List<MapsEntry> fromFile = Maps.read(file);
        assertEquals(50_000, fromFile.size());
        assertEquals(Maps.parse(text), fromFile);
        assertEquals(50_000, Maps.count(file));
        assertEquals("/" + "x".repeat(3000) + "/long 49999.idx", fromFile.get(49_999).path());
        assertTrue(fromFile.get(49_997).deleted());
        assertEquals("/srv/index/segment 49997.idx", fromFile.get(49_997).path());
        assertNull(fromFile.get(49_998).path());
    }

    @Test
    void fiftyThousandLinesParseInTensOfMilliseconds(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("maps");
        Files.writeString(file, manyLines(50_000));
        ProcText text = new ProcText().read(file);
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long start = System.nanoTime();
            int[] files = {0};
            Maps.forEach(text, e -> files[0] += e.isFile() ? 1 : 0);
            best = Math.min(best, System.nanoTime() - start);
            assertEquals(37_500, files[0]);
        }
        // A few tens of ms once compiled; the bound only catches a pathological slowdown on a slow machine.
        assertTrue(best < 1_000_000_000L, "best of 5 passes took " + best / 1_000_000 + " ms");
    }

    /** A quarter of the lines anonymous, one file in 50 deleted, the last one with a 3,000-character directory. */
    private static String manyLines(int count) {
        StringBuilder text = new StringBuilder(count * 100);
        long address = 0x7f0000000000L;
        for (int i = 0; i < count; i++) {
            text.append(Long.toHexString(address)).append('-').append(Long.toHexString(address + 0x2000))
                    .append(i % 2 == 0 ? " r--s " : " rw-p ").append("00000000 ");
            if (i % 4 == 2) {
                text.append("00:00 0 \n");
            } else {
                String dir = i == count - 1 ? "/" + "x".repeat(3000) : "/srv/index";
                text.append("fd:01 ").append(1000 + i).append("                          ")
                        .append(dir).append(i == count - 1 ? "/long " : "/segment ").append(i).append(".idx")
                        .append(i % 50 == 47 ? " (deleted)" : "").append('\n');
            }
            address += 0x3000;
        }
        return text.toString();
    }
}
