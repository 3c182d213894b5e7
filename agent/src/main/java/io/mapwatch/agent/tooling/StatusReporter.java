package io.mapwatch.agent.tooling;

import io.mapwatch.agent.bootstrap.AgentState;
import io.mapwatch.agent.bootstrap.MappingRegistry;
import io.mapwatch.agent.tooling.instrumentation.Instrumenter;
import io.mapwatch.agent.tooling.sampling.Samplers;
import io.mapwatch.events.AgentStatusEvent;
import io.mapwatch.events.LiveMappingEvent;
import io.mapwatch.events.MapwatchEventTypes;
import io.mapwatch.kernel.options.AgentOptions;
import jdk.jfr.Event;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;

import java.util.function.Supplier;

/**
 * Emits {@code mapwatch.AgentStatus}: through a JFR periodic hook at the start and end of every
 * recording chunk (where it also takes the last fault sample, so that counter sums cover the
 * whole recording), and every minute from the sampler thread. The hook is registered only once
 * JFR is initialized, so an agent without a recording never starts JFR.
 */
final class StatusReporter {
    private final String version;
    private final Instrumenter instrumenter;
    private final Supplier<AgentOptions> options;
    private final Samplers samplers;
    private boolean registered;
    private long lastEmitNanos;
    private long lastCpuNanos;

    StatusReporter(String version, Instrumenter instrumenter, Supplier<AgentOptions> options, Samplers samplers) {
        this.version = version;
        this.instrumenter = instrumenter;
        this.options = options;
        this.samplers = samplers;
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

    /** Declares every mapwatch event type to JFR, so that each recording's metadata has them all. */
    synchronized void register() {
        if (!registered) {
            registered = true;
            for (Class<? extends Event> type : MapwatchEventTypes.ALL) {
                FlightRecorder.register(type);
            }
            FlightRecorder.addPeriodicEvent(AgentStatusEvent.class, this::atChunkEdge);
            FlightRecorder.addPeriodicEvent(LiveMappingEvent.class, new LiveMappings());
        }
    }

    private void atChunkEdge() {
        samplers.atChunkEdge();
        emit();
    }

    synchronized void emit() {
        AgentStatusEvent event = new AgentStatusEvent();
        if (!event.isEnabled()) {
            return;
        }
        long now = System.nanoTime();
        long cpu = samplers.cpuNanos();
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
        event.samplerCpuTime = cpu < 0 ? -1 : cpu - lastCpuNanos;
        event.interval = lastEmitNanos == 0 ? 0 : now - lastEmitNanos;
        event.ownMaps = MappingRegistry.ownMaps();
        event.ownMappings = samplers.totals().ownCount();
        event.ownMappedBytes = samplers.totals().ownBytes();
        event.exactThreadsCovered = samplers.totals().exactThreadsCovered();
        event.exactThreadsUncovered = samplers.totals().exactThreadsUncovered();
        event.exactFaultsLost = samplers.totals().exactFaultsLost();
        event.commit();
        samplers.emitStatus();
        lastEmitNanos = now;
        lastCpuNanos = Math.max(cpu, 0);
    }
}
