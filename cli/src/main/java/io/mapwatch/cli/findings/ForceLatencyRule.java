package io.mapwatch.cli.findings;

import io.mapwatch.cli.analysis.MappedFile;
import io.mapwatch.cli.analysis.RecordingAnalysis;
import io.mapwatch.cli.render.Units;
import io.mapwatch.cli.rulebook.Limits;
import io.mapwatch.cli.rulebook.RuleText;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/** How long MappedByteBuffer.force / MemorySegment.force (msync) kept their callers waiting. */
public final class ForceLatencyRule implements Rule {
    static final Threshold<Duration> WARNING_MAX = Threshold.duration(Limits.ForceLatency.WARNING_MAX);
    static final Threshold<Double> WARNING_SHARE = Threshold.share(Limits.ForceLatency.WARNING_SHARE);
    static final Threshold<Duration> INFO_MAX = Threshold.duration(Limits.ForceLatency.INFO_MAX);
    static final Threshold<Double> INFO_SHARE = Threshold.share(Limits.ForceLatency.INFO_SHARE);

    @Override
    public RuleText text() {
        return RuleText.FORCE_LATENCY;
    }

    @Override
    public List<Threshold<?>> thresholds() {
        return List.of(WARNING_MAX, WARNING_SHARE, INFO_MAX, INFO_SHARE);
    }

    @Override
    public Finding evaluate(RecordingAnalysis analysis, Thresholds thresholds) {
        List<MappedFile.Lifecycle> forced = analysis.files().stream().map(MappedFile::lifecycle)
                .filter(f -> f.forces() > 0).toList();
        if (forced.isEmpty()) {
            return Finding.ok(this, "No force() calls were recorded.");
        }
        long count = forced.stream().mapToLong(MappedFile.Lifecycle::forces).sum();
        long nanos = forced.stream().mapToLong(MappedFile.Lifecycle::forceNanos).sum();
        MappedFile slowest = analysis.files().stream()
                .max(Comparator.comparingLong(f -> f.lifecycle().forceMaxNanos())).orElseThrow();
        long slowestNanos = slowest.lifecycle().forceMaxNanos();
        double share = (double) nanos / Math.max(1, analysis.duration().toNanos());
        String seen = String.format("%d force() calls took %s in all (%s of the recording, %s on average); the longest,"
                        + " %s, on %s.", count, Units.nanos(nanos), Units.share(share), Units.nanos(nanos / count),
                Units.nanos(slowestNanos), slowest.path());
        if (slowestNanos >= thresholds.get(this, WARNING_MAX).toNanos()
                || share >= thresholds.get(this, WARNING_SHARE)) {
            return Finding.of(this, Severity.WARNING, seen);
        }
        if (slowestNanos >= thresholds.get(this, INFO_MAX).toNanos()
                || share >= thresholds.get(this, INFO_SHARE)) {
            return Finding.of(this, Severity.INFO, seen);
        }
        return Finding.ok(this, seen);
    }
}
