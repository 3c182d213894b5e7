package io.mapwatch.cli.findings;

import io.mapwatch.cli.analysis.MappedFile;
import io.mapwatch.cli.analysis.RecordingAnalysis;
import io.mapwatch.cli.render.Units;

import java.util.ArrayList;
import java.util.List;

/** Files both mapped and read with read() ({@code jdk.FileRead} of the same path). */
public final class DoubleCachedRule implements Rule {
    static final Threshold<Long> WARNING_BYTES = Threshold.bytes("warning-bytes", 1L << 20,
            "bytes read with read() from mapped files");

    @Override
    public String id() {
        return "double-cached";
    }

    @Override
    public String name() {
        return "File both mapped and read with read()";
    }

    @Override
    public String why() {
        return "read() copies from the page cache into a buffer of the process: data of a file that is also mapped is"
                + " then held twice, once in the page cache the mapping shares and once in the copy.";
    }

    @Override
    public String action() {
        return "Read such a file one way: through the mapping (a bulk get from the mapped buffer) or only with read().";
    }

    @Override
    public List<Threshold<?>> thresholds() {
        return List.of(WARNING_BYTES);
    }

    @Override
    public Finding evaluate(RecordingAnalysis analysis, Thresholds thresholds) {
        List<String> both = new ArrayList<>();
        long bytes = 0;
        for (MappedFile file : analysis.files()) {
            MappedFile.ReadCalls reads = file.readCalls();
            if (reads.count() > 0) {
                bytes += reads.bytes();
                both.add(String.format("%s (%d read() calls, %s)", file.path(), reads.count(), Units.bytes(reads.bytes())));
            }
        }
        if (both.isEmpty()) {
            return Finding.ok(this, "No mapped file was also read with read() (as far as jdk.FileRead recorded).");
        }
        String seen = both.size() + " mapped file(s) also read with read(): "
                + String.join("; ", both.subList(0, Math.min(3, both.size()))) + ".";
        return Finding.of(this, bytes >= thresholds.get(this, WARNING_BYTES) ? Severity.WARNING : Severity.INFO, seen);
    }
}
