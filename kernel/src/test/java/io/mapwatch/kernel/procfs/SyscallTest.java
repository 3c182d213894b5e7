package io.mapwatch.kernel.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SyscallTest {

    @Test
    void busyThreadIsRunning() {
        assertEquals(new Syscall(Syscall.Kind.RUNNING, -1, -1, -1),
                Syscall.parse(Fixtures.proc("task-spinner.syscall")));
    }

    @Test
    void threadStoppedOutsideASystemCall() {
        assertEquals(new Syscall(Syscall.Kind.NOT_IN_SYSCALL, -1, 0x7ffe4ade7f00L, 0x55b4eaa3f16fL),
                Syscall.parse(Fixtures.proc("task-stopped.syscall")));
    }

    @Test
    void sleepingThreadIsInFutex() {
        assertEquals(new Syscall(Syscall.Kind.IN_SYSCALL, 202, 0x7fecbabfd660L, 0x7fed41b30f16L),
                Syscall.parse(Fixtures.proc("task-weird-name.syscall")));
    }

    @Test
    void threadReadingItsOwnFileIsInRead() {
        Syscall s = Syscall.parse(Fixtures.string("task-reading.syscall"));
        assertEquals(Syscall.Kind.IN_SYSCALL, s.kind());
        assertEquals(0, s.number());
        assertEquals(0x7fed405fc3d0L, s.stackPointer());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "sleeping",
            "-1 0x7ffe4ade7f00",
            "-2 0x1 0x2",
            "-1 7ffe4ade7f00 55b4eaa3f16f",
            "202 0x1 0x2 0x3 0x4 0x5 0x6 0x7 0xnope"})
    void unrecognisedTextIsNull(String text) {
        assertNull(Syscall.parse(text), text);
    }

    @Test
    void trailingBlanksAndLineFeed() {
        assertEquals(new Syscall(Syscall.Kind.NOT_IN_SYSCALL, -1, 0x10, 0x20), Syscall.parse("-1 0x10 0x20  \n"));
        assertEquals(Syscall.Kind.RUNNING, Syscall.parse("running\n").kind());
    }
}
