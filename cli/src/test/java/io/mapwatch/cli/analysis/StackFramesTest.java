package io.mapwatch.cli.analysis;

import io.mapwatch.cli.read.Fact;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The rule every parser's stacks are described by: from the JDK method the application called. */
class StackFramesTest {
    private static final Fact.Stack READ = new Fact.Stack(List.of(
            new Fact.Frame("jdk.internal.misc.Unsafe", "copyMemory0", -1),
            new Fact.Frame("java.nio.DirectByteBuffer", "get", 288),
            new Fact.Frame("com.acme.index.Segment", "read", 41),
            new Fact.Frame("com.acme.index.Search", "run", 17),
            new Fact.Frame("java.lang.Thread", "run", 840)));

    @Test
    void startsAtTheJdkMethodTheApplicationCalled() {
        assertEquals(List.of("java.nio.DirectByteBuffer.get:288", "com.acme.index.Segment.read:41",
                "com.acme.index.Search.run:17", "java.lang.Thread.run:840"), new StackFrames(64).describe(READ));
        assertEquals(List.of("java.nio.DirectByteBuffer.get:288", "com.acme.index.Segment.read:41"),
                new StackFrames(2).describe(READ));
        assertEquals("com.acme.index.Segment.read:41", new StackFrames(64).applicationFrame(READ));
    }

    @Test
    void aStackOfTheJdkAloneIsDescribedFromTheTop() {
        Fact.Stack jdkOnly = new Fact.Stack(List.of(new Fact.Frame("jdk.internal.misc.Unsafe", "park", 0),
                new Fact.Frame("java.lang.Thread", "run", 840)));
        assertEquals(List.of("jdk.internal.misc.Unsafe.park", "java.lang.Thread.run:840"),
                new StackFrames(64).describe(jdkOnly));
        assertNull(new StackFrames(64).applicationFrame(jdkOnly));
        assertEquals(List.of(), new StackFrames(64).describe((Fact.Stack) null));
    }
}
