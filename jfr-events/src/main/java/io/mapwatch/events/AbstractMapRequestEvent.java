package io.mapwatch.events;

import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;

/**
 * What one {@code FileChannel.map} call asked for: the fields that a mapping made
 * ({@link AbstractMappingEvent}) and a map that failed ({@link MapFailureEvent}) share. Abstract,
 * as the JDK's {@code AbstractBufferStatisticsEvent}: JFR registers no type for it, and its fields
 * are part of each event that extends it.
 */
public abstract class AbstractMapRequestEvent extends jdk.jfr.Event {
    @Label("Mode")
    @Description("READ_ONLY, READ_WRITE, PRIVATE, READ_ONLY_SYNC or READ_WRITE_SYNC")
    public String mode;

    @Label("Position")
    @Description("Offset in the file that the caller asked to map")
    @DataAmount
    public long position;

    @Label("Size")
    @Description("Number of bytes the caller asked to map")
    @DataAmount
    public long size;
}
