package io.mapwatch.cli.findings;

import io.mapwatch.cli.analysis.MappedFile;
import io.mapwatch.cli.analysis.RecordingAnalysis;
import io.mapwatch.cli.render.Units;
import io.mapwatch.cli.rulebook.Limits;
import io.mapwatch.cli.rulebook.RuleText;

import java.util.ArrayList;
import java.util.List;

/** Files both mapped and read with read() ({@code jdk.FileRead} of the same path). */
public final class DoubleCachedRule implements Rule {
    static final Threshold<Long> WARNING_BYTES = Threshold.bytes(Limits.DoubleCached.WARNING_BYTES);

    @Override
    public RuleText text() {
        return RuleText.DOUBLE_CACHED;
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
