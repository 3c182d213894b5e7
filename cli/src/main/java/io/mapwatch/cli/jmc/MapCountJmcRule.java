package io.mapwatch.cli.jmc;

import io.mapwatch.cli.rulebook.Limits;
import io.mapwatch.cli.rulebook.RuleText;
import io.mapwatch.events.MapwatchEvents;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.common.unit.UnitLookup;
import org.openjdk.jmc.common.util.IPreferenceValueProvider;
import org.openjdk.jmc.common.util.TypedPreference;
import org.openjdk.jmc.flightrecorder.rules.IResult;
import org.openjdk.jmc.flightrecorder.rules.Severity;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** {@link RuleText#MAP_COUNT_LIMIT} for JMC: the process's mappings against vm.max_map_count. */
public final class MapCountJmcRule extends MapwatchRule {
    private final TypedPreference<IQuantity> warningShare = share(Limits.MapCountLimit.WARNING_SHARE);
    private final TypedPreference<IQuantity> infoShare = share(Limits.MapCountLimit.INFO_SHARE);

    public MapCountJmcRule() {
        super(RuleText.MAP_COUNT_LIMIT);
    }

    @Override
    public Collection<TypedPreference<?>> getConfigurationAttributes() {
        return List.of(warningShare, infoShare);
    }

    @Override
    IResult evaluate(IItemCollection items, IPreferenceValueProvider preferences) {
        long[] peak = {-1};
        long[] limit = {-1};
        JmcEvents.forEach(items, JmcEvents.MAPPED_MEMORY, event -> {
            peak[0] = Math.max(peak[0], event.number("mapCount"));
            limit[0] = Math.max(limit[0], event.number("maxMapCount"));
        });
        long[] failureLimit = {-1};
        JmcEvents.forEach(items, JmcEvents.MAP_FAILURE, event -> {
            peak[0] = Math.max(peak[0], event.number("mapCount"));
            failureLimit[0] = Math.max(failureLimit[0], event.number("maxMapCount"));
        });
        long max = limit[0] > 0 ? limit[0] : failureLimit[0];
        long[] near = {0};
        JmcEvents.forEach(items, JmcEvents.MAPPING_HAZARD, event -> {
            if (MapwatchEvents.HAZARD_MAP_COUNT_NEAR_LIMIT.equals(event.text("kind"))) {
                near[0]++;
            }
        });
        if ((peak[0] < 0 || max <= 0) && near[0] == 0) {
            return notApplicable(preferences, "The recording has no map count (mapwatch.MappedMemory or a"
                    + " mapwatch.MapFailure with it).");
        }
        double share = peak[0] >= 0 && max > 0 ? (double) peak[0] / max : -1;
        String seen = share < 0 ? "The agent reported the map count near its limit " + near[0] + " time(s)."
                : String.format(Locale.ROOT, "Peak map count %d of vm.max_map_count %d (%.1f%%)%s.", peak[0], max,
                share * 100, near[0] == 0 ? "" : "; the agent reported it near the limit " + near[0] + " time(s)");
        if (near[0] > 0 || share >= fraction(preferences, warningShare)) {
            return result(preferences, Severity.WARNING, seen);
        }
        if (share >= fraction(preferences, infoShare)) {
            return result(preferences, Severity.INFO, seen);
        }
        return result(preferences, Severity.OK, seen);
    }

    private static double fraction(IPreferenceValueProvider preferences, TypedPreference<IQuantity> share) {
        return preferences.getPreferenceValue(share).doubleValueIn(UnitLookup.PERCENT_UNITY);
    }
}
