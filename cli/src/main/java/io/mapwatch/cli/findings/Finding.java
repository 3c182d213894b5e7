package io.mapwatch.cli.findings;

/**
 * What one rule concluded: what was seen (one or two sentences with the numbers), and for INFO
 * and WARNING why it matters and what to do.
 */
public record Finding(String id, String name, Severity severity, String seen, String why, String action) {
    static Finding notApplicable(Rule rule, String reason) {
        return new Finding(rule.id(), rule.name(), Severity.NOT_APPLICABLE, reason, "", "");
    }

    public static Finding ok(Rule rule, String seen) {
        return new Finding(rule.id(), rule.name(), Severity.OK, seen, "", "");
    }

    /** INFO or WARNING with the rule's reasons and advice. */
    public static Finding of(Rule rule, Severity severity, String seen) {
        return new Finding(rule.id(), rule.name(), severity, seen, rule.why(), rule.action());
    }
}
