package io.mapwatch.kernel.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcTextTest {

    @Test
    void growsBeyondItsInitialCapacity(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("big");
        String content = "0123456789abcdef".repeat(20_000);
        Files.writeString(file, content);
        ProcText text = new ProcText(100).read(file);
        assertEquals(content.length(), text.length());
        assertEquals(content, text.toString());
    }

    @Test
    void rereadsAHeldFileFromItsStart(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("counter");
        Files.writeString(file, "first");
        ProcText text = new ProcText();
        try (RandomAccessFile held = new RandomAccessFile(file.toFile(), "r")) {
            assertEquals("first", text.read(held).toString());
            Files.writeString(file, "second, longer");
            assertEquals("second, longer", text.read(held).toString());
        }
    }

    @Test
    void procFilesAreRegeneratedOnEveryReadOfAHeldHandle() throws IOException {
        Path stat = Path.of("/proc/thread-self/stat");
        Assumptions.assumeTrue(Files.isReadable(stat), "no /proc/thread-self");
        ProcText text = new ProcText();
        try (RandomAccessFile held = new RandomAccessFile(stat.toFile(), "r")) {
            TaskStat first = TaskStat.parse(text.read(held));
            TaskStat second = TaskStat.parse(text.read(held));
            assertEquals(first.pid(), second.pid());
            assertEquals('R', second.state());
            assertTrue(second.minorFaults() >= first.minorFaults());
        }
    }

    @Test
    void oneCharPerByte(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("utf8");
        Files.write(file, "ü".getBytes(StandardCharsets.UTF_8));
        ProcText text = new ProcText().read(file);
        assertEquals(2, text.length());
        assertEquals((char) 0xc3, text.charAt(0));
        assertEquals("\u00c3\u00bc", text.subSequence(0, 2).toString());
        assertThrows(IndexOutOfBoundsException.class, () -> text.charAt(2));
    }
}
