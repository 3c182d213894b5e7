package io.mapwatch.cli.findings;

import io.mapwatch.cli.analysis.AllocationSites;
import io.mapwatch.cli.analysis.RecordingAnalysis;
import io.mapwatch.cli.render.Units;
import io.mapwatch.cli.rulebook.Limits;
import io.mapwatch.cli.rulebook.RuleText;

import java.util.Comparator;
import java.util.List;

/** Mappings released only when the GC collected their buffer. */
public final class GcOnlyUnmapsRule implements Rule {
    static final Threshold<Double> WARNING_SHARE = Threshold.share(Limits.GcOnlyUnmaps.WARNING_SHARE);
    static final Threshold<Long> MIN_UNMAPS = Threshold.count(Limits.GcOnlyUnmaps.MIN_UNMAPS);

    @Override
    public RuleText text() {
        return RuleText.GC_ONLY_UNMAPS;
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
