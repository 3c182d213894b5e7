package io.mapwatch.cli.analysis;

import io.mapwatch.cli.read.Fact;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;

class ThreadNamesTest {
    @Test
    void theKernelsFifteenByteNameBecomesTheWholeJavaName() {
        ThreadNames names = new ThreadNames();
        names.accept(new Fact.ExecutionSample(0, 4242, "elasticsearch[node-1][search][T#12]", null));
        names.accept(new Fact.ExecutionSample(0, 4243, "worker", null));

        assertEquals("elasticsearch[node-1][search][T#12]", names.whole(4242, "elasticsearch[n"));
        assertEquals("worker", names.whole(4243, "worker"));
        assertEquals("cold-reader", names.whole(99, "cold-reader"), "no sample of the thread: the agent's name");
        assertEquals("other-thread-na", names.whole(4242, "other-thread-na"), "the id reused by another thread");
    }
}
