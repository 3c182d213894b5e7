package io.mapwatch.cli.jmc;

import io.mapwatch.cli.rulebook.RuleText;
import org.openjdk.jmc.common.IDisplayable;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.unit.UnitLookup;
import org.openjdk.jmc.common.util.IPreferenceValueProvider;
import org.openjdk.jmc.flightrecorder.rules.IResult;
import org.openjdk.jmc.flightrecorder.rules.Severity;

/** {@link RuleText#MAP_FAILURES} for JMC: FileChannel.map calls that threw, with the first of them. */
public final class MapFailuresJmcRule extends MapwatchRule {
    public MapFailuresJmcRule() {
        super(RuleText.MAP_FAILURES);
    }

    @Override
    IResult evaluate(IItemCollection items, IPreferenceValueProvider preferences) {
        long[] count = {0};
        String[] first = {null};
        long[] firstTime = {Long.MAX_VALUE};
        JmcEvents.forEach(items, JmcEvents.MAP_FAILURE, event -> {
            count[0]++;
            long time = event.number("startTime");
            if (first[0] == null || time < firstTime[0]) {
                firstTime[0] = time;
                long mapCount = event.number("mapCount");
                first[0] = String.format("%s %s of %s, with %s%s", event.text("mode"),
                        UnitLookup.BYTE.quantity(event.number("size")).displayUsing(IDisplayable.AUTO), event.text("path"),
                        event.text("message"), mapCount < 0 ? ""
                                : " (map count " + mapCount + " of " + event.number("maxMapCount") + ")");
            }
        });
        if (count[0] == 0) {
            return result(preferences, Severity.OK, "No map failed.");
        }
        return result(preferences, Severity.WARNING,
                String.format("%d map(s) failed; the first, %s.", count[0], first[0]));
    }
}
