package io.mapwatch.cli.jmc;

import io.mapwatch.cli.rulebook.Limits;
import io.mapwatch.cli.rulebook.RuleText;
import org.openjdk.jmc.common.IDisplayable;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.common.unit.UnitLookup;
import org.openjdk.jmc.common.util.IPreferenceValueProvider;
import org.openjdk.jmc.common.util.TypedPreference;
import org.openjdk.jmc.flightrecorder.rules.IResult;
import org.openjdk.jmc.flightrecorder.rules.Severity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** {@link RuleText#DOUBLE_CACHED} for JMC: files both mapped and read with read() ({@code jdk.FileRead}). */
public final class DoubleCachedJmcRule extends MapwatchRule {
    private final TypedPreference<IQuantity> warningBytes = bytes(Limits.DoubleCached.WARNING_BYTES);

    public DoubleCachedJmcRule() {
        super(RuleText.DOUBLE_CACHED);
    }

    @Override
    public Collection<TypedPreference<?>> getConfigurationAttributes() {
        return List.of(warningBytes);
    }

    @Override
    IResult evaluate(IItemCollection items, IPreferenceValueProvider preferences) {
        Set<String> mapped = new HashSet<>();
        for (String type : List.of(JmcEvents.MAP, JmcEvents.LIVE_MAPPING)) {
            JmcEvents.forEach(items, type, event -> mapped.add(event.text("path")));
        }
        Map<String, long[]> reads = new TreeMap<>();
        JmcEvents.forEach(items, JmcEvents.FILE_READ, event -> {
            String path = event.text("path");
            if (path != null && mapped.contains(path)) {
                long[] countAndBytes = reads.computeIfAbsent(path, p -> new long[2]);
                countAndBytes[0]++;
                countAndBytes[1] += Math.max(0, event.number("bytesRead"));
            }
        });
        if (reads.isEmpty()) {
            return result(preferences, Severity.OK,
                    "No mapped file was also read with read() (as far as jdk.FileRead recorded).");
        }
        List<String> both = new ArrayList<>();
        long total = 0;
        for (Map.Entry<String, long[]> file : reads.entrySet()) {
            total += file.getValue()[1];
            both.add(String.format("%s (%d read() calls, %s)", file.getKey(), file.getValue()[0],
                    UnitLookup.BYTE.quantity(file.getValue()[1]).displayUsing(IDisplayable.AUTO)));
        }
        String seen = both.size() + " mapped file(s) also read with read(): "
                + String.join("; ", both.subList(0, Math.min(3, both.size()))) + ".";
        long limit = preferences.getPreferenceValue(warningBytes).clampedLongValueIn(UnitLookup.BYTE);
        return result(preferences, total >= limit ? Severity.WARNING : Severity.INFO, seen);
    }
}
