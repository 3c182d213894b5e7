package io.mapwatch.benchapps;

import io.mapwatch.kernel.procfs.Maps;
import io.mapwatch.testapps.Args;
import io.mapwatch.testapps.MeasuredWindow;
import io.mapwatch.testapps.Report;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.MMapDirectory;

/**
 * A search engine's query load: threads run term, boolean and phrase queries ({@link QueryMix})
 * against a Lucene index of synthetic text ({@link SyntheticIndex}) opened with
 * {@link MMapDirectory}, so that every search reads the index through mapped memory (on JDK 17
 * MappedByteBuffers, on JDK 21+ MemorySegments), and fetch the stored fields of the top 10 hits.
 *
 * <pre>
 * LuceneQueries --index DIR [--docs 2000000] [--build-only] [--threads 2] [--warmup 5 | --measure-at S] [--seconds 10]
 * </pre>
 * {@code --measure-at S}: the measured window starts S seconds after this JVM started ({@link MeasuredWindow}).
 * The index is built in DIR when DIR does not exist, before the warm-up, and reused as it is
 * otherwise; {@code --build-only} builds it and exits, so that a benchmark can keep the build out
 * of every measured process. Prints {@code index_bytes}, {@code index_files}, {@code segments},
 * {@code mapped_files} (index files in /proc/self/maps after the measurement), {@code queries},
 * {@code queries_per_sec}, a {@code checksum} of the hits, and last a JSON line
 * {@code {"opsPerSec": N}} with the queries a second.
 *
 * <p>The default of 2 million documents makes an index of 347 MB in 4 segments, 28 of whose files
 * stay mapped while searching: far larger than the CPU caches, like a small production shard, with
 * postings from a few dozen documents to nearly all of them, and still built in about 80 s of CPU.
 */
public final class LuceneQueries {
    private static final int TOP_HITS = 10;
    private static final int QUERIES_PER_THREAD = 10_000;
    private static final long QUERY_SEED = 0x71756572L;

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        Path dir = args.path("index", "mapwatch-lucene-index").toAbsolutePath();
        int docs = args.integer("docs", 2_000_000);
        boolean built;
        try {
            built = SyntheticIndex.ensure(dir, docs);
        } catch (IllegalArgumentException e) {
            System.err.println("LuceneQueries: " + e.getMessage());
            System.exit(2);
            return;
        }
        Report.result("pid", ProcessHandle.current().pid());
        Report.result("index_built", built);
        Report.result("docs", docs);
        Report.result("index_bytes", indexBytes(dir));
        if (args.flag("build-only")) {
            return;
        }
        int threads = args.integer("threads", 2);
        long measureNanos = (long) (args.decimal("seconds", 10) * 1e9);

        try (MMapDirectory directory = new MMapDirectory(dir); DirectoryReader reader = DirectoryReader.open(directory)) {
            IndexSearcher searcher = new IndexSearcher(reader);
            searcher.setQueryCache(null); // every query reads the index, as each distinct query of a real load does
            Report.result("segments", reader.leaves().size());
            Report.result("index_files", directory.listAll().length);

            LongAdder queries = new LongAdder();
            long[] sums = new long[threads];
            Thread[] workers = new Thread[threads];
            long startAt = MeasuredWindow.start(args, 5);
            long endAt = startAt + measureNanos;
            Throwable[] failure = new Throwable[1];
            for (int t = 0; t < threads; t++) {
                int id = t;
                workers[t] = new Thread(() -> {
                    try {
                        sums[id] = searchLoop(searcher, QueryMix.draw(QUERY_SEED + id, QUERIES_PER_THREAD),
                                startAt, endAt, queries);
                    } catch (IOException | RuntimeException e) {
                        failure[0] = e;
                    }
                }, "searcher-" + t);
                workers[t].start();
            }
            for (Thread worker : workers) {
                worker.join();
            }
            if (failure[0] != null) {
                throw new IllegalStateException("a search failed", failure[0]);
            }
            long total = queries.sum();
            long checksum = 0;
            for (long sum : sums) {
                checksum += sum;
            }
            Report.result("mapped_files", mappedFilesUnder(dir));
            Report.result("queries", total);
            Report.result("queries_per_sec", total / (measureNanos / 1e9));
            Report.result("checksum", checksum);
            Report.json("opsPerSec", total / (measureNanos / 1e9));
        }
    }

    /** Runs the queries over and over until {@code endAt}, counting those that ended after {@code startAt}. */
    private static long searchLoop(IndexSearcher searcher, Query[] mix, long startAt, long endAt, LongAdder queries)
            throws IOException {
        StoredFields stored = searcher.storedFields();
        long sum = 0;
        long counted = 0;
        for (int i = 0; ; i = (i + 1) % mix.length) {
            TopDocs top = searcher.search(mix[i], TOP_HITS);
            sum += top.totalHits.value;
            for (ScoreDoc hit : top.scoreDocs) {
                sum += stored.document(hit.doc).get(SyntheticIndex.TITLE).length();
            }
            long now = System.nanoTime();
            if (now >= endAt) {
                queries.add(counted);
                return sum;
            }
            if (now >= startAt) {
                counted++;
            }
        }
    }

    private static long indexBytes(Path dir) throws IOException {
        long bytes = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                bytes += Files.size(file);
            }
        }
        return bytes;
    }

    /** How many files of the folder this process maps now; -1 where /proc/self/maps cannot be read. */
    private static long mappedFilesUnder(Path dir) throws IOException {
        Path maps = Paths.get("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return -1;
        }
        String prefix = dir.toRealPath() + "/";
        Set<String> files = new HashSet<>();
        Maps.forEach(maps, area -> {
            if (area.path() != null && area.path().startsWith(prefix)) {
                files.add(area.path());
            }
        });
        return files.size();
    }
}
