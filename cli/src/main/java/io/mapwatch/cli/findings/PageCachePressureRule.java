package io.mapwatch.cli.findings;

import io.mapwatch.cli.analysis.PressurePeaks;
import io.mapwatch.cli.analysis.RecordingAnalysis;
import io.mapwatch.cli.read.Fact;
import io.mapwatch.cli.render.Units;
import io.mapwatch.cli.rulebook.Limits;
import io.mapwatch.cli.rulebook.RuleText;

import java.util.ArrayList;
import java.util.List;

/** Memory pressure that evicts page cache: PSI, refaults, the cgroup limit. */
public final class PageCachePressureRule implements Rule {
    static final Threshold<Double> WARNING_PSI = Threshold.share(Limits.PageCachePressure.WARNING_PSI);
    static final Threshold<Double> INFO_PSI = Threshold.share(Limits.PageCachePressure.INFO_PSI);
    static final Threshold<Double> WARNING_CGROUP = Threshold.share(Limits.PageCachePressure.WARNING_CGROUP);
    static final Threshold<Long> WARNING_REFAULTS = Threshold.count(Limits.PageCachePressure.WARNING_REFAULTS);

    @Override
    public RuleText text() {
        return RuleText.PAGE_CACHE_PRESSURE;
    }

    @Override
    public List<Threshold<?>> thresholds() {
        return List.of(WARNING_PSI, INFO_PSI, WARNING_CGROUP, WARNING_REFAULTS);
    }

    @Override
    public List<Requirement> requires() {
        return List.of(Requirement.events(Fact.MemoryPressure.class, "memory pressure samples (mapwatch.MemoryPressure)"),
                new Requirement("No pressure source (PSI, cgroup, refaults) was available to the agent.",
                        analysis -> analysis.pressure().anySource()));
    }

    @Override
    public Finding evaluate(RecordingAnalysis analysis, Thresholds thresholds) {
        PressurePeaks pressure = analysis.pressure();
        List<String> seen = new ArrayList<>();
        Severity severity = Severity.OK;
        if (pressure.peakPsiSome() >= 0) {
            seen.add("peak PSI memory avg10 some " + Units.share(pressure.peakPsiSome())
                    + (pressure.peakPsiFull() >= 0 ? ", full " + Units.share(pressure.peakPsiFull()) : ""));
            if (pressure.peakPsiSome() >= thresholds.get(this, WARNING_PSI)) {
                severity = Severity.WARNING;
            } else if (pressure.peakPsiSome() >= thresholds.get(this, INFO_PSI)) {
                severity = Severity.INFO;
            }
        }
        if (pressure.cgroupLimit() > 0 && pressure.peakCgroupUsage() >= 0) {
            double share = (double) pressure.peakCgroupUsage() / pressure.cgroupLimit();
            seen.add(String.format("cgroup peak usage %s of its %s limit (%s), page cache up to %s",
                    Units.bytes(pressure.peakCgroupUsage()), Units.bytes(pressure.cgroupLimit()), Units.share(share),
                    Units.bytes(pressure.peakCgroupFile())));
            if (share >= thresholds.get(this, WARNING_CGROUP)) {
                severity = Severity.WARNING;
            }
        }
        if (pressure.refaults() >= 0) {
            seen.add(pressure.refaults() + " refaults");
            if (pressure.refaults() >= thresholds.get(this, WARNING_REFAULTS)) {
                severity = Severity.WARNING;
            }
        }
        String text = "Memory pressure: " + String.join("; ", seen) + ".";
        return severity == Severity.OK ? Finding.ok(this, text) : Finding.of(this, severity, text);
    }
}
