package io.mapwatch.cli.jmc;

import io.mapwatch.cli.findings.PageFaultStallsRule;
import io.mapwatch.cli.rulebook.RuleText;

/** {@link RuleText#PAGE_FAULT_STALLS} for JMC: the CLI's {@link PageFaultStallsRule}, judging JMC's items. */
public final class PageFaultStallsJmcRule extends CliJmcRule {
    public PageFaultStallsJmcRule() {
        super(new PageFaultStallsRule());
    }
}
