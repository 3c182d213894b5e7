package io.mapwatch.agent.bootstrap;

import io.mapwatch.events.MapEvent;

/** What the map advice learns between entering {@code mapInternal} and leaving it. */
public final class MapCall {
    final MapCall outer;
    final MapEvent event;
    final String path;
    final String mode;
    final String api;
    final long position;
    final long size;
    /** The file's size as the JDK read it just before mapping; -1 until then. */
    long fileSize = -1;
    final boolean own;
    boolean unmapperCreated;
    long address;
    long mappedSize;

    MapCall(MapCall outer, MapEvent event, String path, String mode, String api,
            long position, long size, boolean own) {
        this.outer = outer;
        this.event = event;
        this.path = path;
        this.mode = mode;
        this.api = api;
        this.position = position;
        this.size = size;
        this.own = own;
    }
}
