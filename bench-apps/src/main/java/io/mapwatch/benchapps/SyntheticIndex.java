package io.mapwatch.benchapps;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LogDocMergePolicy;
import org.apache.lucene.index.SerialMergeScheduler;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.MMapDirectory;

/**
 * A Lucene index of synthetic documents, the same for a given number of documents on every build:
 * the text comes from one fixed seed, and one thread indexes it with flushes and merges decided by
 * document counts alone (never by RAM or timing), so that the segments, and which files there are,
 * do not change from one build to the next.
 *
 * <p>Each document has a stored {@code id}, a {@code body} of 20 to 100 words drawn from
 * {@link #WORDS} (indexed with positions, not stored) and a stored {@code title} (its first 8
 * words), so that a search reads the term dictionary, postings, positions, norms and stored fields.
 */
final class SyntheticIndex {
    static final String ID = "id";
    static final String BODY = "body";
    static final String TITLE = "title";
    /** 200,000 words, Zipf exponent 1 (as in English text): the commonest word is 8% of the text and in 97% of the documents. */
    static final ZipfWords WORDS = new ZipfWords(200_000, 1.0);

    private static final long TEXT_SEED = 0x6d61707761746368L;
    private static final int MIN_WORDS = 20;
    private static final int MAX_WORDS = 100;
    private static final int TITLE_WORDS = 8;
    /** Flushed segments of docs/40 documents, merged ten at a time: about four segments at the end. */
    private static final int FLUSHES = 40;
    private static final int MERGE_FACTOR = 10;

    private SyntheticIndex() {
    }

    /**
     * Builds the index of {@code docs} documents in {@code dir} unless it is there already; true if
     * it was built. The build happens in a sibling folder that is renamed into place when complete,
     * so that two processes started together never see half an index (the second one's build is
     * dropped).
     */
    static boolean ensure(Path dir, int docs) throws IOException {
        if (!Files.exists(dir)) {
            Path building = dir.resolveSibling(dir.getFileName() + ".building-" + ProcessHandle.current().pid());
            deleteTree(building);
            write(building, docs);
            try {
                Files.move(building, dir, StandardCopyOption.ATOMIC_MOVE);
                return true;
            } catch (IOException e) {
                if (!(e instanceof FileAlreadyExistsException) && !isIndex(dir)) {
                    throw e;
                }
                deleteTree(building);
            }
        }
        if (!isIndex(dir)) {
            throw new IllegalArgumentException(dir + " exists and holds no Lucene index: give a new folder to --index");
        }
        int found = documents(dir);
        if (found != docs) {
            throw new IllegalArgumentException(dir + " holds " + found + " documents, not " + docs
                    + ": give --docs " + found + ", or another --index");
        }
        return false;
    }

    /** The bodies of the first {@code docs} documents, in order: the text an index of that many holds. */
    static String[] bodies(int docs) {
        SplittableRandom random = new SplittableRandom(TEXT_SEED);
        String[] bodies = new String[docs];
        for (int n = 0; n < docs; n++) {
            bodies[n] = String.join(" ", body(random));
        }
        return bodies;
    }

    private static void write(Path dir, int docs) throws IOException {
        LogDocMergePolicy merges = new LogDocMergePolicy();
        merges.setMergeFactor(MERGE_FACTOR);
        merges.setNoCFSRatio(0);
        IndexWriterConfig config = new IndexWriterConfig(new StandardAnalyzer())
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                .setMaxBufferedDocs(Math.max(1000, docs / FLUSHES))
                .setRAMBufferSizeMB(IndexWriterConfig.DISABLE_AUTO_FLUSH)
                .setMergeScheduler(new SerialMergeScheduler())
                .setMergePolicy(merges)
                .setUseCompoundFile(false);
        SplittableRandom random = new SplittableRandom(TEXT_SEED);
        try (Directory directory = FSDirectory.open(dir); IndexWriter writer = new IndexWriter(directory, config)) {
            for (int n = 0; n < docs; n++) {
                String[] body = body(random);
                Document doc = new Document();
                doc.add(new StringField(ID, Integer.toString(n), Field.Store.YES));
                doc.add(new StoredField(TITLE, String.join(" ", Arrays.copyOf(body, TITLE_WORDS))));
                doc.add(new TextField(BODY, String.join(" ", body), Field.Store.NO));
                writer.addDocument(doc);
            }
        }
    }

    private static String[] body(SplittableRandom random) {
        String[] words = new String[MIN_WORDS + random.nextInt(MAX_WORDS - MIN_WORDS + 1)];
        for (int i = 0; i < words.length; i++) {
            words[i] = ZipfWords.word(WORDS.sample(random));
        }
        return words;
    }

    private static boolean isIndex(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Directory directory = new MMapDirectory(dir)) {
            return DirectoryReader.indexExists(directory);
        }
    }

    private static int documents(Path dir) throws IOException {
        try (Directory directory = new MMapDirectory(dir); DirectoryReader reader = DirectoryReader.open(directory)) {
            return reader.maxDoc();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(file);
            }
        }
    }
}
