package io.mapwatch.kernel.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PagemapTest {
    private static final int PAGE = 4096;
    private static final int PAGES = 64;

    @Test
    void countsPresentAndSwappedBitsOfNativeOrderEntries() {
        ByteBuffer entries = ByteBuffer.allocate(6 * 8).order(ByteOrder.nativeOrder());
        entries.putLong(1L << 63 | 0x12345)       // present, with a page frame number
                .putLong(0)                        // not mapped
                .putLong(1L << 62)                 // swapped
                .putLong(1L << 63 | 1L << 61)      // present, file page
                .putLong(1L << 55)                 // soft-dirty only
                .putLong(-1L);                     // every bit
        byte[] bytes = entries.array();
        assertEquals(3, Pagemap.countPresent(bytes, 0, bytes.length));
        assertEquals(2, Pagemap.countSwapped(bytes, 0, bytes.length));
        assertEquals(2, Pagemap.countPresent(bytes, 8, bytes.length), "counts from the start given");
        assertEquals(1, Pagemap.countPresent(bytes, 0, 13), "a partial entry is not counted");
    }

    @Test
    void countsPagesOfAMappedFileAsTheyAreTouched(@TempDir Path dir) throws IOException {
        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/self/pagemap")), "no /proc/self/pagemap");
        Path file = dir.resolve("pagemap test.bin");
        Files.write(file, new byte[PAGES * PAGE]);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
             Pagemap pagemap = Pagemap.openSelf(PAGE)) {
            MappedByteBuffer buffer = channel.map(FileChannel.MapMode.READ_ONLY, 0, PAGES * PAGE);
            MapsEntry mapping = Maps.read(Path.of("/proc/self/maps")).stream()
                    .filter(e -> file.toString().equals(e.path())).findFirst().orElseThrow();
            assertEquals(PAGES * PAGE, mapping.size());
            long start = mapping.start();
            long end = mapping.end();

            assertEquals(0, pagemap.presentPages(start, end), "a fresh mapping has no pages yet");

            long sum = 0;
            for (int page = 0; page < PAGES; page += 2) {
                sum += buffer.get(page * PAGE);
            }
            long everyOther = pagemap.presentPages(start, end);
            // Fault-around may map the untouched neighbours of a page already in the page cache.
            assertTrue(everyOther >= PAGES / 2 && everyOther <= PAGES, "present: " + everyOther);

            for (int page = 0; page < PAGES; page++) {
                sum += buffer.get(page * PAGE);
            }
            assertEquals(PAGES, pagemap.presentPages(start, end));
            assertEquals(1, pagemap.presentPages(start + PAGE + 1, start + PAGE + 2), "rounded out to one page");
            assertEquals(0, pagemap.presentPages(end, start));
            assertEquals(0, sum);
            Reference.reachabilityFence(buffer);
        }
    }

    @Test
    void rangesLargerThanOneRead(@TempDir Path dir) throws IOException {
        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/self/pagemap")), "no /proc/self/pagemap");
        // 40 MiB: 10,240 entries, more than the 8,192 one positional read takes.
        int pages = 10 * 1024;
        Path file = dir.resolve("sparse.bin");
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength((long) pages * PAGE);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
             Pagemap pagemap = Pagemap.openSelf(PAGE)) {
            MappedByteBuffer buffer = channel.map(FileChannel.MapMode.READ_ONLY, 0, (long) pages * PAGE);
            long sum = 0;
            for (int page = 0; page < pages; page++) {
                sum += buffer.get(page * PAGE);
            }
            MapsEntry mapping = Maps.read(Path.of("/proc/self/maps")).stream()
                    .filter(e -> file.toString().equals(e.path())).findFirst().orElseThrow();
            assertEquals(pages, pagemap.presentPages(mapping.start(), mapping.end()));
            assertEquals(pages - 1, pagemap.presentPages(mapping.start() + PAGE, mapping.end()));
            assertEquals(0, sum);
            Reference.reachabilityFence(buffer);
        }
    }

    @Test
    void closedPagemapReadsNothing() throws IOException {
        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/self/pagemap")), "no /proc/self/pagemap");
        Pagemap pagemap = Pagemap.openSelf(PAGE);
        pagemap.close();
        assertEquals(-1, pagemap.presentPages(0x10000, 0x20000));
    }
}
