package io.mapwatch.cli.findings;

import io.mapwatch.cli.analysis.HazardsByFile;
import io.mapwatch.cli.analysis.RecordingAnalysis;
import io.mapwatch.cli.analysis.UnsafeAccessErrors;
import io.mapwatch.cli.rulebook.RuleText;
import io.mapwatch.events.MapwatchEvents;

import java.util.List;

/**
 * Files truncated under a live mapping, and the "unsafe memory access" errors (SIGBUS) that such
 * a mapping raises when touched past the new end; errors after a truncation are tied to it.
 */
public final class TruncatedFileRule implements Rule {
    @Override
    public RuleText text() {
        return RuleText.TRUNCATED_UNDER_MAPPING;
    }

    @Override
    public List<Requirement> requires() {
        return List.of();
    }

    @Override
    public Finding evaluate(RecordingAnalysis analysis, Thresholds thresholds) {
        List<HazardsByFile.FileHazard> truncated = analysis.hazards().ofKind(MapwatchEvents.HAZARD_FILE_TRUNCATED);
        UnsafeAccessErrors errors = analysis.unsafeAccessErrors();
        if (truncated.isEmpty() && errors.count() == 0) {
            return Finding.ok(this, "No mapped file was truncated and no unsafe memory access error was thrown.");
        }
        StringBuilder seen = new StringBuilder();
        if (!truncated.isEmpty()) {
            HazardsByFile.FileHazard first = truncated.get(0);
            long after = errors.first().stream().filter(e -> !e.time().isBefore(first.firstSeen)).count();
            seen.append(String.format("%d file(s) truncated under a live mapping, first %s at %s (%s)",
                    truncated.size(), first.path, first.firstSeen, first.detail));
            if (errors.count() > 0) {
                seen.append(String.format("; %d 'unsafe memory access' error(s), %d of the first %d after that truncation",
                        errors.count(), after, errors.first().size()));
            }
        } else {
            seen.append(errors.count()).append(" 'unsafe memory access' error(s) (SIGBUS on mapped memory, most often a"
                    + " file truncated under its mapping)");
        }
        if (errors.count() > 0) {
            UnsafeAccessErrors.Error first = errors.first().get(0);
            seen.append(String.format("; the first: %s%s", first.message(), first.site() == null ? "" : " at " + first.site()));
        }
        return Finding.of(this, Severity.WARNING, seen.append('.').toString());
    }
}
