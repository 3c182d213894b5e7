package io.mapwatch.cli.analysis;

import io.mapwatch.cli.read.Fact;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The whole Java names of threads, by OS thread id, from the JDK's execution samples: the agent's
 * events name a thread as the kernel does ({@code /proc/.../comm}), cut at 15 bytes.
 */
public final class ThreadNames implements Aggregator {
    private final Map<Long, String> javaNames = new HashMap<>();

    @Override
    public Set<Class<? extends Fact>> kinds() {
        return Set.of(Fact.ExecutionSample.class);
    }

    @Override
    public void accept(Fact fact) {
        if (fact instanceof Fact.ExecutionSample sample && sample.threadName() != null && sample.osThreadId() >= 0) {
            javaNames.put(sample.osThreadId(), sample.threadName());
        }
    }

    /**
     * The whole name of thread {@code osThreadId}, which the agent called {@code kernelName}: its Java
     * name when that begins as the kernel's does (the same thread, not a later one with its id).
     */
    public String whole(long osThreadId, String kernelName) {
        String javaName = javaNames.get(osThreadId);
        return javaName != null && (kernelName == null || javaName.startsWith(kernelName)) ? javaName : kernelName;
    }
}
