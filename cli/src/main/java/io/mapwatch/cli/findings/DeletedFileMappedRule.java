package io.mapwatch.cli.findings;

import io.mapwatch.cli.analysis.HazardsByFile;
import io.mapwatch.cli.analysis.RecordingAnalysis;
import io.mapwatch.cli.read.Fact;
import io.mapwatch.cli.render.Units;
import io.mapwatch.cli.rulebook.Limits;
import io.mapwatch.cli.rulebook.RuleText;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/** Files deleted while still mapped, and how long the mapping lived on. */
public final class DeletedFileMappedRule implements Rule {
    static final Threshold<Duration> WARNING_AFTER = Threshold.duration(Limits.DeletedFileMapped.WARNING_AFTER);

    @Override
    public RuleText text() {
        return RuleText.DELETED_FILE_MAPPED;
    }

    @Override
    public List<Threshold<?>> thresholds() {
        return List.of(WARNING_AFTER);
    }

    @Override
    public List<Requirement> requires() {
        return List.of(new Requirement("The recording has no inventory samples (mapwatch.MappedMemory), so deleted files"
                + " could not be noticed.", analysis -> analysis.count(Fact.MappedMemory.class) > 0
                || !analysis.hazards().deletedFiles().isEmpty()));
    }

    @Override
    public Finding evaluate(RecordingAnalysis analysis, Thresholds thresholds) {
        List<HazardsByFile.DeletedFile> deleted = analysis.hazards().deletedFiles();
        if (deleted.isEmpty()) {
            return Finding.ok(this, "No mapped file was deleted.");
        }
        HazardsByFile.DeletedFile longest = deleted.stream()
                .max(Comparator.comparing((HazardsByFile.DeletedFile d) -> d.longestMappedAfter)).orElseThrow();
        String seen = String.format("%d mapped file(s) deleted; %s stayed mapped %s after its deletion%s.",
                deleted.size(), longest.path, Units.nanos(longest.longestMappedAfter.toNanos()),
                longest.mappedAtEnd ? " and was still mapped when the recording ended" : "");
        boolean warning = deleted.stream().anyMatch(d -> d.mappedAtEnd
                || d.longestMappedAfter.compareTo(thresholds.get(this, WARNING_AFTER)) >= 0);
        return Finding.of(this, warning ? Severity.WARNING : Severity.INFO, seen);
    }
}
