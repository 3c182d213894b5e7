package io.mapwatch.agent.tooling.instrumentation;

import io.mapwatch.agent.bootstrap.MapCall;
import io.mapwatch.agent.bootstrap.MapDispatcher;
import io.mapwatch.agent.bootstrap.Mapping;
import io.mapwatch.events.ForceEvent;
import io.mapwatch.events.LoadEvent;
import io.mapwatch.events.MapEvent;
import io.mapwatch.events.MapFailureEvent;
import io.mapwatch.events.UnmapEvent;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

import java.nio.channels.FileChannel;

/**
 * Advice inlined into the JDK's mapping code. Only static methods that hand over to
 * {@link MapDispatcher} on the bootstrap path; anything thrown is caught by the exception handler
 * the {@link Instrumenter} installs, so nothing reaches the application or a cleaner.
 *
 * <p>Exit advice commits the event the dispatcher filled: JFR takes the stack trace from the
 * caller of {@code commit()}, which is then the JDK method this advice is inlined into.
 */
public final class MappingAdvice {
    private MappingAdvice() {
    }

    /** {@code FileChannelImpl.mapInternal(MapMode, long, long, int, boolean)}. */
    public static final class MapAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static MapCall enter(@Advice.This FileChannel channel,
                             @Advice.FieldValue("path") String path,
                             @Advice.Argument(0) Object mode,
                             @Advice.Argument(1) long position,
                             @Advice.Argument(2) long size) {
            return MapDispatcher.mapStarting(channel, path, mode, position, size);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter MapCall call,
                         @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object unmapper,
                         @Advice.Thrown Throwable thrown) {
            if (thrown == null) {
                MapEvent mapped = MapDispatcher.mapFinished(call, unmapper != null);
                if (mapped != null) {
                    mapped.commit();
                }
            } else {
                MapFailureEvent failure = MapDispatcher.mapFailed(call, thrown);
                if (failure != null) {
                    failure.commit();
                }
            }
        }
    }

    /** Constructor of {@code FileChannelImpl$Unmapper(address, size, cap, fd, pagePosition)}. */
    public static final class UnmapperConstructorAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Argument(0) long address, @Advice.Argument(1) long mappedSize) {
            MapDispatcher.unmapperCreated(address, mappedSize);
        }
    }

    /** {@code FileChannelImpl.map(MapMode, long, long, Arena)} and JDK 17's incubator entry. */
    public static final class SegmentMapAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter() {
            MapDispatcher.segmentMapStarting();
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit() {
            MapDispatcher.segmentMapFinished();
        }
    }

    /** {@code FileChannelImpl$Unmapper.unmap()}: runs in cleaner threads. */
    public static final class UnmapAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Mapping enter(@Advice.FieldValue("address") long address) {
            return MapDispatcher.unmapStarting(address);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter Mapping mapping) {
            UnmapEvent unmapped = MapDispatcher.unmapFinished(mapping);
            if (unmapped != null) {
                unmapped.commit();
            }
        }
    }

    /** {@code MappedMemoryUtils.force(FileDescriptor, long address, boolean, long index, long length)}. */
    public static final class ForceAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static ForceEvent enter() {
            return MapDispatcher.forceStarting();
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter ForceEvent event,
                         @Advice.Argument(1) long address,
                         @Advice.Argument(3) long index,
                         @Advice.Argument(4) long length) {
            ForceEvent forced = MapDispatcher.forceFinished(event, address, index, length);
            if (forced != null) {
                forced.commit();
            }
        }
    }

    /** {@code MappedMemoryUtils.load(long address, boolean, long size)}. */
    public static final class LoadAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static LoadEvent enter() {
            return MapDispatcher.loadStarting();
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter LoadEvent event,
                         @Advice.Argument(0) long address,
                         @Advice.Argument(2) long size) {
            LoadEvent loaded = MapDispatcher.loadFinished(event, address, size);
            if (loaded != null) {
                loaded.commit();
            }
        }
    }
}
