package io.mapwatch.benchapps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.MMapDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneQueriesTest {
    private static final int DOCS = 3000;

    @TempDir
    Path tmp;

    @Test
    void theIndexHoldsTheGeneratedTextAndIsTheSameOnEveryBuild() throws IOException {
        Path first = tmp.resolve("first");
        Path second = tmp.resolve("second");
        assertTrue(SyntheticIndex.ensure(first, DOCS));
        assertTrue(SyntheticIndex.ensure(second, DOCS));
        assertFalse(SyntheticIndex.ensure(first, DOCS), "an existing index is reused");

        String[] bodies = SyntheticIndex.bodies(DOCS);
        for (String word : List.of("a", "b", "u", "cw", "mm")) {
            long containing = Arrays.stream(bodies).filter(body -> Arrays.asList(body.split(" ")).contains(word)).count();
            assertEquals(containing, docFreq(first, word), word);
            assertEquals(containing, docFreq(second, word), word);
        }
        assertEquals(fileSizes(first), fileSizes(second), "the same files of the same sizes");
    }

    @Test
    void anIndexOfAnotherSizeIsRefusedWithTheCountItHolds() throws IOException {
        Path dir = tmp.resolve("index");
        SyntheticIndex.ensure(dir, DOCS);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> SyntheticIndex.ensure(dir, DOCS * 2));
        assertEquals(dir + " holds 3000 documents, not 6000: give --docs 3000, or another --index", refused.getMessage());
    }

    @Test
    void aRunReportsItsQueriesAndEndsWithTheJsonLine() throws Exception {
        Path dir = tmp.resolve("index");
        List<String> lines = run("--index", dir.toString(), "--docs", Integer.toString(DOCS),
                "--threads", "2", "--warmup", "0.2", "--seconds", "0.5");
        Map<String, String> results = new HashMap<>();
        for (String line : lines) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                results.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        assertEquals("true", results.get("index_built"));
        assertEquals(Long.toString(directoryBytes(dir)), results.get("index_bytes"));
        assertTrue(Long.parseLong(results.get("queries")) > 0, results.toString());
        // Of each segment, seven files stay mapped while searching: postings (.doc), positions (.pos),
        // terms (.tim, .tip), stored fields (.fdt, .fdx) and norms (.nvd).
        assertEquals(7 * Long.parseLong(results.get("segments")), Long.parseLong(results.get("mapped_files")),
                results.toString());
        String last = lines.get(lines.size() - 1);
        assertEquals("{\"opsPerSec\": " + results.get("queries_per_sec") + "}", last);
    }

    private static List<String> run(String... args) throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            LuceneQueries.main(args);
        } finally {
            System.setOut(out);
        }
        return captured.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static int docFreq(Path dir, String word) throws IOException {
        try (MMapDirectory directory = new MMapDirectory(dir); DirectoryReader reader = DirectoryReader.open(directory)) {
            return reader.docFreq(new Term(SyntheticIndex.BODY, word));
        }
    }

    private static Map<String, Long> fileSizes(Path dir) throws IOException {
        Map<String, Long> sizes = new HashMap<>();
        try (var files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                sizes.put(file.getFileName().toString(), Files.size(file));
            }
        }
        return sizes;
    }

    private static long directoryBytes(Path dir) throws IOException {
        return fileSizes(dir).values().stream().mapToLong(Long::longValue).sum();
    }
}
