package io.mapwatch.cli.findings;

import io.mapwatch.cli.analysis.HazardsByFile;
import io.mapwatch.cli.analysis.RecordingAnalysis;
import io.mapwatch.cli.render.Units;
import io.mapwatch.cli.rulebook.Limits;
import io.mapwatch.cli.rulebook.RuleText;
import io.mapwatch.events.MapwatchEvents;

import java.util.List;

/** The process's mappings against vm.max_map_count. */
public final class MapCountRule implements Rule {
    static final Threshold<Double> WARNING_SHARE = Threshold.share(Limits.MapCountLimit.WARNING_SHARE);
    static final Threshold<Double> INFO_SHARE = Threshold.share(Limits.MapCountLimit.INFO_SHARE);

    @Override
    public RuleText text() {
        return RuleText.MAP_COUNT_LIMIT;
    }

    @Override
    public List<Threshold<?>> thresholds() {
        return List.of(WARNING_SHARE, INFO_SHARE);
    }

    @Override
    public List<Requirement> requires() {
        return List.of(new Requirement("The recording has no map count (mapwatch.MappedMemory or a mapwatch.MapFailure"
                + " with it).", analysis -> (peak(analysis) >= 0 && limit(analysis) > 0) || !nearLimit(analysis).isEmpty()));
    }

    private static long peak(RecordingAnalysis analysis) {
        return Math.max(analysis.process().peakMapCount(), analysis.mapFailures().highestMapCount());
    }

    private static long limit(RecordingAnalysis analysis) {
        return analysis.process().maxMapCount() > 0 ? analysis.process().maxMapCount() : analysis.mapFailures().maxMapCount();
    }

    private static List<HazardsByFile.FileHazard> nearLimit(RecordingAnalysis analysis) {
        return analysis.hazards().ofKind(MapwatchEvents.HAZARD_MAP_COUNT_NEAR_LIMIT);
    }

    @Override
    public Finding evaluate(RecordingAnalysis analysis, Thresholds thresholds) {
        long peak = peak(analysis);
        long limit = limit(analysis);
        List<HazardsByFile.FileHazard> near = nearLimit(analysis);
        double share = peak >= 0 && limit > 0 ? (double) peak / limit : -1;
        String seen = share < 0 ? "The agent reported the map count near its limit " + near.get(0).count + " time(s)."
                : String.format("Peak map count %d of vm.max_map_count %d (%s)%s.", peak, limit, Units.share(share),
                near.isEmpty() ? "" : "; the agent reported it near the limit " + near.get(0).count + " time(s)");
        if (!near.isEmpty() || share >= thresholds.get(this, WARNING_SHARE)) {
            return Finding.of(this, Severity.WARNING, seen);
        }
        if (share >= thresholds.get(this, INFO_SHARE)) {
            return Finding.of(this, Severity.INFO, seen);
        }
        return Finding.ok(this, seen);
    }
}
