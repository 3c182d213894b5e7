package io.mapwatch.cli.read;

import java.time.Instant;

/** The lifecycle events of one recording, reduced to what the analyses use. */
public sealed interface LifecycleRecord permits LifecycleRecord.Map, LifecycleRecord.Unmap, LifecycleRecord.Force, LifecycleRecord.Load {
    Instant time();

    /** A successful map: {@code mapwatch.Map}. */
    record Map(Instant time, long durationNanos, String path, String mode, long position, long size,
               long mappedSize, long address, long fileSize, boolean fileExtended, String api,
               String topFrame) implements LifecycleRecord {
    }

    /** {@code mapwatch.Unmap}. */
    record Unmap(Instant time, long durationNanos, String path, long address, long mappedSize,
                 long lifetimeNanos, String trigger) implements LifecycleRecord {
    }

    /** {@code mapwatch.Force}. */
    record Force(Instant time, long durationNanos, String path, long offset, long length) implements LifecycleRecord {
    }

    /** {@code mapwatch.Load}. */
    record Load(Instant time, long durationNanos, String path, long offset, long length) implements LifecycleRecord {
    }
}
