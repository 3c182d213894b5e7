package io.mapwatch.cli.jmc;

import io.mapwatch.cli.findings.PageCachePressureRule;
import io.mapwatch.cli.rulebook.RuleText;

/** {@link RuleText#PAGE_CACHE_PRESSURE} for JMC: the CLI's {@link PageCachePressureRule}, judging JMC's items. */
public final class PageCachePressureJmcRule extends CliJmcRule {
    public PageCachePressureJmcRule() {
        super(new PageCachePressureRule());
    }
}
