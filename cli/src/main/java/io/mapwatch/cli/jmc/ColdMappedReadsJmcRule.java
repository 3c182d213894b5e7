package io.mapwatch.cli.jmc;

import io.mapwatch.cli.findings.ColdMappedReadsRule;
import io.mapwatch.cli.rulebook.RuleText;

/** {@link RuleText#COLD_MAPPED_READS} for JMC: the CLI's {@link ColdMappedReadsRule}, judging JMC's items. */
public final class ColdMappedReadsJmcRule extends CliJmcRule {
    public ColdMappedReadsJmcRule() {
        super(new ColdMappedReadsRule());
    }
}
