package io.mapwatch.agent.bootstrap;

import io.mapwatch.events.AbstractMappingEvent;
import io.mapwatch.events.UnmapEvent;

/**
 * One live mapping as the agent saw it being made. Holds no reference to the buffer or segment:
 * the agent must never keep a mapping alive.
 */
public final class Mapping {
    /** Path to show in events: absolute, or its hash when paths are redacted; null if unknown. */
    public final String path;
    /** Absolute path for the agent's own checks (file size, deletion); null if unknown. */
    public final String realPath;
    public final String mode;
    public final String api;
    public final long position;
    public final long size;
    /** Length given to mmap: {@code size + position % pageSize}. */
    public final long mappedSize;
    /** Page-aligned start of the kernel mapping. */
    public final long address;
    /** File offset of {@link #address}. */
    public final long fileOffset;
    public final long fileSizeAtMap;
    /** {@link System#nanoTime()} when the map returned. */
    public final long mappedAtNanos;
    /** Made by the agent itself or by JFR: counted, never reported as the application's. */
    public final boolean own;
    /** {@link System#currentTimeMillis()} when the map returned. */
    public final long mappedAtMillis;
    /** Where it was mapped, see {@link AllocationSite}; null for the agent's own. */
    public final String mappedFrom;

    volatile boolean unmapped;
    long unmapStartNanos;
    UnmapEvent pendingUnmap;

    Mapping(String path, String realPath, String mode, String api, long position, long size,
            long mappedSize, long address, long fileSizeAtMap, long mappedAtNanos, boolean own) {
        this.path = path;
        this.realPath = realPath;
        this.mode = mode;
        this.api = api;
        this.position = position;
        this.size = size;
        this.mappedSize = mappedSize;
        this.address = address;
        this.fileOffset = position - (mappedSize - size);
        this.fileSizeAtMap = fileSizeAtMap;
        this.mappedAtNanos = mappedAtNanos;
        this.own = own;
        this.mappedAtMillis = System.currentTimeMillis();
        this.mappedFrom = own ? null : AllocationSite.capture();
    }

    /** Writes what this mapping was made as into the fields of {@code mapwatch.Map} or {@code LiveMapping}. */
    public void describe(AbstractMappingEvent event) {
        event.path = path;
        event.mode = mode;
        event.api = api;
        event.position = position;
        event.size = size;
        event.mappedSize = mappedSize;
        event.address = address;
    }

    public boolean isUnmapped() {
        return unmapped;
    }

    public long end() {
        return address + mappedSize;
    }

    /** File offset of the byte at {@code memoryAddress}, which must lie inside this mapping. */
    public long fileOffsetOf(long memoryAddress) {
        return fileOffset + (memoryAddress - address);
    }
}
