package io.mapwatch.kernel.procfs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ClearRefsTest {
    @Test
    void writesTheKernelsValueForFileMappedPagesOnly(@TempDir Path dir) throws IOException {
        Path file = Files.createFile(dir.resolve("clear_refs"));
        ClearRefs.clearFileMapped(file);
        assertEquals("3\n", Files.readString(file), "3: file-mapped pages, never the heap's (proc.rst)");
    }

    @Test
    void aFileThatIsNotThereIsAnError(@TempDir Path dir) {
        assertThrows(IOException.class, () -> ClearRefs.clearFileMapped(dir.resolve("missing")),
                "never creates a file: /proc/PID/clear_refs exists or the kernel has none");
    }
}
