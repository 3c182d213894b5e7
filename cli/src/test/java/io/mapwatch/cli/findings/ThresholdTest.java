package io.mapwatch.cli.findings;

import io.mapwatch.cli.CliException;
import io.mapwatch.cli.ExitCode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThresholdTest {
    /** Durations and sizes are the kernel's grammar (DurationsTest, DataSizesTest); shares are the rules' own. */
    @Test
    void parsesShares() {
        assertEquals(0.05, Threshold.parseShare("5%"), 1e-9);
        assertEquals(0.5, Threshold.parseShare("0.5"), 1e-9);
    }

    @Test
    void overridesApplyToTheirRuleOnly() {
        Rule force = new ForceLatencyRule();
        Thresholds thresholds = Thresholds.of(Map.of("force-latency.warning-max", "5ms"));
        assertEquals(Duration.ofMillis(5), thresholds.get(force, ForceLatencyRule.WARNING_MAX));
        assertEquals(Duration.ofMillis(10), thresholds.get(force, ForceLatencyRule.INFO_MAX));
    }

    @Test
    void unknownOrBadThresholdsAreUsageErrors() {
        CliException unknown = assertThrows(CliException.class, () -> Thresholds.of(Map.of("force-latency.nope", "1")));
        assertEquals(ExitCode.USAGE, unknown.exitCode());
        CliException bad = assertThrows(CliException.class, () -> Thresholds.of(Map.of("force-latency.warning-max", "soon")));
        assertEquals(ExitCode.USAGE, bad.exitCode());
        assertTrue(bad.getMessage().contains("force-latency.warning-max"), bad.getMessage());
    }

    @Test
    void ruleIdsAreUniqueAndEveryRuleExplainsItself() {
        Set<String> ids = new HashSet<>();
        for (Rule rule : Rules.ALL) {
            assertTrue(ids.add(rule.id()), rule.id());
            assertTrue(rule.id().matches("[a-z-]+"), rule.id());
            assertTrue(!rule.name().isBlank() && !rule.why().isBlank() && !rule.action().isBlank(), rule.id());
        }
    }
}
