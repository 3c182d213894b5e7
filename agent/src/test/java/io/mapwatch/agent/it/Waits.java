package io.mapwatch.agent.it;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for a condition with a generous bound, instead of sleeping for a guessed time. */
final class Waits {
    private Waits() {
    }

    static void until(Duration bound, BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + bound + " for: " + what);
            }
            Thread.sleep(20);
        }
    }
}
