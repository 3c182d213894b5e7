package io.mapwatch.cli.findings;

/** How much a finding matters, lowest first; {@code --fail-on} compares against this order. */
public enum Severity {
    /** The rule's events are not in the recording. */
    NOT_APPLICABLE,
    OK,
    INFO,
    WARNING
}
