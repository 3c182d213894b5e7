package io.mapwatch.agent.tooling;

import io.mapwatch.agent.bootstrap.AgentState;
import io.mapwatch.agent.bootstrap.MappingRegistry;
import io.mapwatch.agent.tooling.instrumentation.Instrumenter;
import io.mapwatch.events.AgentStatusEvent;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;

import java.util.function.Supplier;

/**
 * Emits {@code mapwatch.AgentStatus} at the start and end of every recording chunk, through a JFR
 * periodic hook. The hook is registered only once JFR is initialized, so an agent without a
 * recording never starts JFR.
 */
final class StatusReporter {
    private final String version;
    private final Instrumenter instrumenter;
    private final Supplier<AgentOptions> options;
    private boolean registered;

    StatusReporter(String version, Instrumenter instrumenter, Supplier<AgentOptions> options) {
        this.version = version;
        this.instrumenter = instrumenter;
        this.options = options;
    }

    void registerWhenJfrStarts() {
        if (FlightRecorder.isInitialized()) {
            register();
            return;
        }
        FlightRecorder.addListener(new FlightRecorderListener() {
            @Override
            public void recorderInitialized(FlightRecorder recorder) {
                register();
            }
        });
    }

    synchronized void register() {
        if (!registered) {
            registered = true;
            FlightRecorder.addPeriodicEvent(AgentStatusEvent.class, this::emit);
        }
    }

    private void emit() {
        AgentStatusEvent event = new AgentStatusEvent();
        event.version = version;
        event.javaVersion = System.getProperty("java.runtime.version");
        event.options = options.get().toString();
        event.instrumented = String.join(",", instrumenter.instrumented());
        String failures = String.join("; ", instrumenter.failures());
        long adviceFailures = AgentState.adviceFailures();
        if (adviceFailures > 0) {
            failures = (failures.isEmpty() ? "" : failures + "; ") + adviceFailures
                    + " advice failures, first: " + AgentState.firstAdviceFailure();
        }
        event.notInstrumented = failures;
        event.ownMaps = MappingRegistry.ownMaps();
        event.commit();
    }
}
