package io.mapwatch.cli.findings;

import io.mapwatch.cli.analysis.MapFailures;
import io.mapwatch.cli.analysis.RecordingAnalysis;
import io.mapwatch.cli.render.Units;

/** FileChannel.map calls that threw. */
public final class MapFailuresRule implements Rule {
    @Override
    public String id() {
        return "map-failures";
    }

    @Override
    public String name() {
        return "Maps that failed";
    }

    @Override
    public String why() {
        return "A failed map reaches the application as an IOException or an OutOfMemoryError 'Map failed', often"
                + " after the JVM already ran a GC and retried.";
    }

    @Override
    public String action() {
        return "Read the message: 'Map failed' with ENOMEM means address space (ulimit -v) or vm.max_map_count"
                + " (see map-count-limit); 'cannot extend file' means a read-only channel was asked to map past the"
                + " end of its file.";
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
