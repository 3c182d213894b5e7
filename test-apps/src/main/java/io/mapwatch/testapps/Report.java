package io.mapwatch.testapps;

import java.util.Locale;

/**
 * What a workload prints: one {@code name=value} line per result on stdout, so that tests,
 * benchmarks and people read the same thing.
 */
public final class Report {
    private Report() {
    }

    public static void result(String name, Object value) {
        System.out.println(name + "=" + value);
    }

    public static void result(String name, long value) {
        System.out.println(name + "=" + value);
    }

    public static void result(String name, double value) {
        System.out.println(name + "=" + String.format(Locale.ROOT, "%.3f", value));
    }

    /**
     * One JSON object on a line of its own, {@code {"name": value}}: the form a harness that reads
     * JSON lines (one per result, the last one wins) takes a metric from.
     */
    public static void json(String name, double value) {
        System.out.println(String.format(Locale.ROOT, "{\"%s\": %.3f}", name, value));
    }
}
