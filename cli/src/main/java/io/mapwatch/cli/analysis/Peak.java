package io.mapwatch.cli.analysis;

/** The largest value of a figure that samples give as -1 when they did not measure it; -1 while none did. */
final class Peak {
    private long value = -1;

    void offer(long sampled) {
        value = Math.max(value, sampled);
    }

    long value() {
        return value;
    }
}
