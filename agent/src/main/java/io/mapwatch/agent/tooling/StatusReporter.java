package io.mapwatch.agent.tooling;

import io.mapwatch.agent.bootstrap.AgentState;
import io.mapwatch.agent.bootstrap.MappingRegistry;
import io.mapwatch.agent.tooling.instrumentation.Instrumenter;
import io.mapwatch.agent.tooling.sampling.Samplers;
import io.mapwatch.events.AgentStatusEvent;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
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
    private final Map<String, Long> lastCpuByTask = new HashMap<>();

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

    synchronized void register() {
        if (!registered) {
            registered = true;
            FlightRecorder.addPeriodicEvent(AgentStatusEvent.class, this::atChunkEdge);
        }
    }

    private void atChunkEdge() {
        samplers.atChunkEdge();
        emit();
    }

    /** Each task's CPU time since the previous status, {@code name=ms} separated by commas. */
    private String cpuByTaskSinceLast() {
        StringJoiner out = new StringJoiner(",");
        samplers.cpuByTask().forEach((task, nanos) -> {
            long previous = lastCpuByTask.getOrDefault(task, 0L);
            out.add(String.format(Locale.ROOT, "%s=%.1f", task, (nanos - previous) / 1e6));
            lastCpuByTask.put(task, nanos);
        });
        return out.toString();
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
        event.sources = samplers.sources();
        event.adjustments = samplers.adjustments();
        event.samplerCpuTime = cpu < 0 ? -1 : cpu - lastCpuNanos;
        event.samplerCpuByTask = cpuByTaskSinceLast();
        event.interval = lastEmitNanos == 0 ? 0 : now - lastEmitNanos;
        event.ownMaps = MappingRegistry.ownMaps();
        event.commit();
        lastEmitNanos = now;
        lastCpuNanos = Math.max(cpu, 0);
    }
}
