package io.mapwatch.agent.tooling.sampling;

import jdk.jfr.Event;
import jdk.jfr.FlightRecorder;

import java.util.function.Supplier;

/**
 * Whether a recording wants events of one type, asked before each pass. The first instance of an
 * event class initializes it, and the first event class initialized in a JVM initializes JFR's
 * metadata (some 50 ms of CPU): while JFR has not started no recording can want anything, so the
 * probe answers no without touching the event class, and the agent's start-up and an agent that
 * never records do not pay for it.
 */
final class EventProbe {
    private final Supplier<? extends Event> factory;
    private volatile Event prototype;

    EventProbe(Supplier<? extends Event> factory) {
        this.factory = factory;
    }

    boolean isEnabled() {
        Event event = prototype;
        if (event == null) {
            if (!FlightRecorder.isInitialized()) {
                return false;
            }
            event = factory.get();
            prototype = event;
        }
        return event.isEnabled();
    }
}
