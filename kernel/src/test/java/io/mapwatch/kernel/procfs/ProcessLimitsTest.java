package io.mapwatch.kernel.procfs;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProcessLimitsTest {
    @Test
    void readsTheSoftLimitsOfAJvm() {
        assertEquals(new ProcessLimits(20000, 8 << 20), ProcessLimits.parse(Fixtures.string("jvm.limits")));
    }

    @Test
    void unlimitedAndMissingAreTold() {
        String text = "Limit                     Soft Limit           Hard Limit           Units     \n"
                + "Max locked memory         unlimited            unlimited            bytes     \n";
        assertEquals(new ProcessLimits(-1, ProcessLimits.UNLIMITED), ProcessLimits.parse(text));
    }
}
