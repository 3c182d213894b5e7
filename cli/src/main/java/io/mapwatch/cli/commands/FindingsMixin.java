package io.mapwatch.cli.commands;

import io.mapwatch.cli.ExitCode;
import io.mapwatch.cli.findings.Finding;
import io.mapwatch.cli.findings.Severity;
import io.mapwatch.cli.findings.Thresholds;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --fail-on} and {@code --threshold}: how findings are judged and what they do to the exit code. */
public final class FindingsMixin {
    /** The lowest severity that makes the exit code 1. */
    enum FailOn {
        none(null), info(Severity.INFO), warning(Severity.WARNING);

        private final Severity severity;

        FailOn(Severity severity) {
            this.severity = severity;
        }
    }

    @Option(names = "--fail-on", defaultValue = "none", paramLabel = "LEVEL",
            description = "Exit with code 1 when a finding reaches this severity: ${COMPLETION-CANDIDATES}"
                    + " (default: ${DEFAULT-VALUE}).")
    FailOn failOn;

    @Option(names = "--threshold", paramLabel = "RULE.KEY=VALUE",
            description = "Change a rule's threshold, such as force-latency.warning-max=50ms (see docs/findings.md).")
    Map<String, String> thresholds = new LinkedHashMap<>();

    public Thresholds thresholds() {
        return Thresholds.of(thresholds);
    }

    /** 1 when a finding is at or above {@code --fail-on}, else 0. */
    public int exitCode(List<Finding> findings) {
        boolean failed = failOn.severity != null
                && findings.stream().anyMatch(f -> f.severity().compareTo(failOn.severity) >= 0);
        return failed ? ExitCode.FINDING : ExitCode.OK;
    }
}
