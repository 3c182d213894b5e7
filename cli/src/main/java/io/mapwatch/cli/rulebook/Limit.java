package io.mapwatch.cli.rulebook;

/**
 * One threshold of a rule and its default, before any override.
 *
 * @param key      name within the rule, such as {@code warning-max}
 * @param fallback the default
 * @param meaning  one phrase for the docs, --help and JMC's preferences
 */
public record Limit<T>(String key, T fallback, String meaning) {
}
