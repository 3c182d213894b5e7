package io.mapwatch.cli.findings;

import io.mapwatch.cli.analysis.MapFailures;
import io.mapwatch.cli.analysis.RecordingAnalysis;
import io.mapwatch.cli.render.Units;
import io.mapwatch.cli.rulebook.RuleText;

/** FileChannel.map calls that threw. */
public final class MapFailuresRule implements Rule {
    @Override
    public RuleText text() {
        return RuleText.MAP_FAILURES;
    }

    @Override
    public Finding evaluate(RecordingAnalysis analysis, Thresholds thresholds) {
        if (analysis.mapFailures().count() == 0) {
            return Finding.ok(this, "No map failed.");
        }
        MapFailures.Failure first = analysis.mapFailures().first().get(0);
        return Finding.of(this, Severity.WARNING, String.format("%d map(s) failed; the first, %s %s of %s, with %s%s%s.",
                analysis.mapFailures().count(), first.mode(), Units.bytes(first.size()), first.path(), first.message(),
                first.site() == null ? "" : " at " + first.site(),
                first.mapCount() < 0 ? "" : " (map count " + first.mapCount() + " of " + first.maxMapCount() + ")"));
    }
}
