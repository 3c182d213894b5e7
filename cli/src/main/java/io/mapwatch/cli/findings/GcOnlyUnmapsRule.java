package io.mapwatch.cli.findings;

import io.mapwatch.cli.analysis.AllocationSites;
import io.mapwatch.cli.analysis.RecordingAnalysis;
import io.mapwatch.cli.render.Units;

import java.util.Comparator;
import java.util.List;

/** Mappings released only when the GC collected their buffer. */
public final class GcOnlyUnmapsRule implements Rule {
    static final Threshold<Double> WARNING_SHARE = Threshold.share("warning-share", 0.5,
            "share of the unmaps done by the GC");
    static final Threshold<Long> MIN_UNMAPS = Threshold.count("min-unmaps", 10,
            "GC unmaps needed before the share counts as a warning");

    @Override
    public String id() {
        return "gc-only-unmaps";
    }

    @Override
    public String name() {
        return "Mappings freed only by the GC";
    }

    @Override
    public String why() {
        return "A MappedByteBuffer is unmapped only when the GC collects it: until then its address space, its"
                + " vm.max_map_count slot and, for a deleted file, its disk space stay taken, for as long as the next"
                + " GC of its generation takes to come.";
    }

    @Override
    public String action() {
        return "Release mappings when done with them: a MemorySegment from Arena.ofShared()/ofConfined() and"
                + " close(), or the Unsafe.invokeCleaner idiom Lucene and Netty use for MappedByteBuffer.";
    }

    @Override
    public List<Threshold<?>> thresholds() {
        return List.of(WARNING_SHARE, MIN_UNMAPS);
    }

    @Override
    public Finding evaluate(RecordingAnalysis analysis, Thresholds thresholds) {
        List<AllocationSites.Site> sites = analysis.sites().sites();
        long unmaps = sites.stream().mapToLong(AllocationSites.Site::unmaps).sum();
        long gc = sites.stream().mapToLong(s -> s.gcUnmaps).sum();
        if (gc == 0) {
            return Finding.ok(this, unmaps == 0 ? "No mapping was released during the recording."
                    : "None of the " + unmaps + " unmaps was left to the GC.");
        }
        double share = (double) gc / unmaps;
        AllocationSites.Site top = sites.stream().max(Comparator.comparingLong(s -> s.gcUnmaps)).orElseThrow();
        String seen = String.format("%d of %d unmaps (%s) were done by the GC, %d of them of mappings made at %s;"
                        + " %d mappings (%s) were still live at the end.", gc, unmaps, Units.share(share),
                top.gcUnmaps, top.frame, analysis.lifetimes().liveCount(), Units.bytes(analysis.lifetimes().liveBytes()));
        if (share >= thresholds.get(this, WARNING_SHARE) && gc >= thresholds.get(this, MIN_UNMAPS)) {
            return Finding.of(this, Severity.WARNING, seen);
        }
        return Finding.of(this, Severity.INFO, seen);
    }
}
