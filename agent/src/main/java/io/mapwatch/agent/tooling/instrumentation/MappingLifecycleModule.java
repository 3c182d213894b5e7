package io.mapwatch.agent.tooling.instrumentation;

import java.util.List;

/**
 * Map, unmap, force and load: {@code mapwatch.Map}, {@code MapFailure}, {@code Unmap},
 * {@code Force} and {@code Load}, and the live-mapping registry behind every other event.
 */
public final class MappingLifecycleModule implements InstrumentationModule {
    @Override
    public List<TypeInstrumentation> typeInstrumentations() {
        return List.of(new FileChannelImplInstrumentation(), new UnmapperInstrumentation(),
                new MappedMemoryUtilsInstrumentation(),
                new FileDispatcherInstrumentation(FileDispatcherInstrumentation.JDK_17),
                new FileDispatcherInstrumentation(FileDispatcherInstrumentation.JDK_21));
    }
}
