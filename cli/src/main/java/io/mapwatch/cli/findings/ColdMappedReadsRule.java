package io.mapwatch.cli.findings;

import io.mapwatch.cli.analysis.MappedFile;
import io.mapwatch.cli.analysis.RecordingAnalysis;
import io.mapwatch.cli.read.Fact;
import io.mapwatch.cli.render.Units;

import java.util.ArrayList;
import java.util.List;

/** Files read through their mapping while most of the mapping was not in memory. */
public final class ColdMappedReadsRule implements Rule {
    static final Threshold<Double> CACHED_BELOW = Threshold.share("cached-below", 0.5,
            "average share of the mapping in the page cache (resident where not measured) below which reads are cold");
    static final Threshold<Long> MIN_READS = Threshold.count("min-reads", 10,
            "slow reads (mapwatch.MappedRead) of the file needed before the rule judges it");

    @Override
    public String id() {
        return "cold-mapped-reads";
    }

    @Override
    public String name() {
        return "Mappings mostly not resident while being read";
    }

    @Override
    public String why() {
        return "Every access to a page that is not in memory is a page fault, and one that is not in the page cache"
                + " waits for the disk; reads of a mostly cold mapping are as slow as the disk.";
    }

    @Override
    public String action() {
        return "Give the page cache room for the hot part of the file (see 'mapwatch plan'), load() the ranges that"
                + " will be read, and check the readahead of the device (random reads want it small).";
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
