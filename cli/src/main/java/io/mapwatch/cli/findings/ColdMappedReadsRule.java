package io.mapwatch.cli.findings;

import io.mapwatch.cli.analysis.MappedFile;
import io.mapwatch.cli.analysis.RecordingAnalysis;
import io.mapwatch.cli.read.Fact;
import io.mapwatch.cli.render.Units;
import io.mapwatch.cli.rulebook.Limits;
import io.mapwatch.cli.rulebook.RuleText;

import java.util.ArrayList;
import java.util.List;

/** Files read through their mapping while most of the mapping was not in memory. */
public final class ColdMappedReadsRule implements Rule {
    static final Threshold<Double> CACHED_BELOW = Threshold.share(Limits.ColdMappedReads.CACHED_BELOW);
    static final Threshold<Long> MIN_READS = Threshold.count(Limits.ColdMappedReads.MIN_READS);

    @Override
    public RuleText text() {
        return RuleText.COLD_MAPPED_READS;
    }

    @Override
    public List<Threshold<?>> thresholds() {
        return List.of(CACHED_BELOW, MIN_READS);
    }

    @Override
    public List<Requirement> requires() {
        return List.of(Requirement.events(Fact.MappingResidency.class, "residency samples (mapwatch.MappingResidency)"),
                Requirement.events(Fact.MappedAccess.class, "timed mapped reads (mapwatch.MappedRead)"));
    }

    @Override
    public Finding evaluate(RecordingAnalysis analysis, Thresholds thresholds) {
        double below = thresholds.get(this, CACHED_BELOW);
        long minReads = thresholds.get(this, MIN_READS);
        List<String> cold = new ArrayList<>();
        for (MappedFile file : analysis.files()) {
            MappedFile.TimedCopies reads = file.copies();
            double share = file.memory().cachedShare();
            if (reads.reads() >= minReads && share >= 0 && share < below) {
                cold.add(String.format("%s: %d slow reads taking %s while on average %s of it was in memory",
                        file.path(), reads.reads(), Units.nanos(reads.readNanos()), Units.share(share)));
            }
        }
        if (cold.isEmpty()) {
            return Finding.ok(this, "No file with at least " + minReads + " slow reads was mostly out of memory.");
        }
        cold.sort(null);
        return Finding.of(this, Severity.WARNING, cold.size() + " file(s) read while mostly not in memory: "
                + String.join("; ", cold.subList(0, Math.min(3, cold.size()))) + ".");
    }
}
