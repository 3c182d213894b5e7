package io.mapwatch.cli.jmc;

import io.mapwatch.cli.read.RecordingReader;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The JMC rules read the events the CLI reads: an event type the CLI's reader learns must be learnt here too. */
class JmcFactsTest {
    @Test
    void readsEveryEventTypeTheCliReads() {
        assertEquals(RecordingReader.eventNames(), JmcFacts.eventNames());
    }
}
