package io.mapwatch.cli.jmc;

import io.mapwatch.cli.findings.ForceLatencyRule;
import io.mapwatch.cli.rulebook.RuleText;

/** {@link RuleText#FORCE_LATENCY} for JMC: the CLI's {@link ForceLatencyRule}, judging JMC's items. */
public final class ForceLatencyJmcRule extends CliJmcRule {
    public ForceLatencyJmcRule() {
        super(new ForceLatencyRule());
    }
}
