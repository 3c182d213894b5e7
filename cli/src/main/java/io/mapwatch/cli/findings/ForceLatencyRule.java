package io.mapwatch.cli.findings;

import io.mapwatch.cli.analysis.MappedFile;
import io.mapwatch.cli.analysis.RecordingAnalysis;
import io.mapwatch.cli.render.Units;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/** How long MappedByteBuffer.force / MemorySegment.force (msync) kept their callers waiting. */
public final class ForceLatencyRule implements Rule {
    static final Threshold<Duration> WARNING_MAX = Threshold.duration("warning-max", Duration.ofMillis(100),
            "a single force() took at least this long");
    static final Threshold<Double> WARNING_SHARE = Threshold.share("warning-share", 0.2,
            "or force() calls took at least this share of the recording's time");
    static final Threshold<Duration> INFO_MAX = Threshold.duration("info-max", Duration.ofMillis(10),
            "a single force() took at least this long");
    static final Threshold<Double> INFO_SHARE = Threshold.share("info-share", 0.05,
            "or force() calls took at least this share of the recording's time");

    @Override
    public String id() {
        return "force-latency";
    }

    @Override
    public String name() {
        return "force() latency";
    }

    @Override
    public String why() {
        return "force() (msync) blocks its caller until the dirty pages are on storage; a writer that forces often"
                + " spends its time waiting for the disk, and so does whatever waits for that writer.";
    }

    @Override
    public String action() {
        return "Force less often (group commits), force only the range written (force(index, length)), and keep"
                + " forces off latency-critical threads.";
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
