package io.mapwatch.cli.analysis;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A stack another parser (JMC's) read, as text, is described by the rule JFR's stacks are. */
class StackFramesTest {
    private static final String READ = String.join("\n", "jdk.internal.misc.Unsafe.copyMemory0",
            "java.nio.DirectByteBuffer.get:288", "com.acme.index.Segment.read:41", "com.acme.index.Search.run:17",
            "java.lang.Thread.run:840", "");

    @Test
    void textStartsAtTheJdkMethodTheApplicationCalled() {
        assertEquals(List.of("java.nio.DirectByteBuffer.get:288", "com.acme.index.Segment.read:41",
                "com.acme.index.Search.run:17", "java.lang.Thread.run:840"), new StackFrames(64).describe(READ));
        assertEquals(List.of("java.nio.DirectByteBuffer.get:288", "com.acme.index.Segment.read:41"),
                new StackFrames(2).describe(READ));
        assertEquals("com.acme.index.Segment.read:41", StackFrames.applicationFrame(READ));
    }

    @Test
    void textOfTheJdkAloneIsDescribedFromTheTop() {
        assertEquals(List.of("jdk.internal.misc.Unsafe.park", "java.lang.Thread.run:840"),
                new StackFrames(64).describe("jdk.internal.misc.Unsafe.park\njava.lang.Thread.run:840\n"));
        assertEquals(List.of(), new StackFrames(64).describe((String) null));
    }
}
