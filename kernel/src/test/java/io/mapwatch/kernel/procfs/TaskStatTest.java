package io.mapwatch.kernel.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TaskStatTest {

    @Test
    void process() {
        TaskStat s = TaskStat.parse(Fixtures.proc("jvm.stat"));
        assertEquals(new TaskStat(10203, "java", 'S', 5318, 3, 57, 7, 21, 330260, 0, 9191911424L), s);
    }

    @Test
    void threadWhoseNameHasBlanksAndParentheses() {
        TaskStat s = TaskStat.parse(Fixtures.proc("task-weird-name.stat"));
        assertEquals(new TaskStat(10223, "my (weird) proc", 'S', 22, 0, 0, 0, 21, 330276, 0, 9191911424L), s);
    }

    @Test
    void busyThreadIsRunning() {
        TaskStat s = TaskStat.parse(Fixtures.proc("task-spinner.stat"));
        assertEquals("spinner", s.comm());
        assertEquals('R', s.state());
        assertEquals(52, s.userTicks());
        assertEquals(25, s.minorFaults());
    }

    @Test
    void stoppedProcess() {
        TaskStat s = TaskStat.parse(Fixtures.proc("task-stopped.stat"));
        assertEquals("sh", s.comm());
        assertEquals('T', s.state());
        assertEquals(10379, s.pid());
        assertEquals(125, s.minorFaults());
        assertEquals(32, s.userTicks());
        assertEquals(1, s.threads());
        assertEquals(333251, s.startTicks());
        assertEquals(0, s.processor());
    }

    @Test
    void countersAgreeWithTheFullParseAndKeepTheNameUntilItChanges() {
        TaskStat.Counters counters = new TaskStat.Counters();
        for (String fixture : new String[] {"jvm.stat", "task-weird-name.stat", "task-spinner.stat", "task-stopped.stat"}) {
            TaskStat full = TaskStat.parse(Fixtures.proc(fixture));
            String before = counters.comm();
            assertTrue(TaskStat.parseCounters(Fixtures.proc(fixture), counters), fixture);
            assertEquals(full.state(), counters.state(), fixture);
            assertEquals(full.minorFaults(), counters.minorFaults(), fixture);
            assertEquals(full.majorFaults(), counters.majorFaults(), fixture);
            assertEquals(full.comm(), counters.comm(), fixture);
            if (full.comm().equals(before)) {
                assertSame(before, counters.comm(), "an unchanged name is not a new string");
            }
        }
        String name = counters.comm();
        assertTrue(TaskStat.parseCounters(Fixtures.proc("task-stopped.stat"), counters));
        assertSame(name, counters.comm());
    }

    @Test
    void countersOfEmptyTextLeaveTheHolderAlone() {
        TaskStat.Counters counters = new TaskStat.Counters();
        assertTrue(TaskStat.parseCounters(Fixtures.proc("task-spinner.stat"), counters));
        assertFalse(TaskStat.parseCounters(ProcText.of(""), counters), "a thread that ended reads empty");
        assertEquals(25, counters.minorFaults());
    }

    @Test
    void stringAndBytesAgree() {
        assertEquals(TaskStat.parse(Fixtures.proc("task-weird-name.stat")),
                TaskStat.parse(Fixtures.string("task-weird-name.stat")));
    }

    @Test
    void nameIsTakenUpToTheLastParenthesis() {
        String fields = " D 1 1 1 0 -1 4194368 101 0 202 0 303 404 0 0 20 0 3 0 505";
        TaskStat s = TaskStat.parse("77 (evil) S 1 2 3) R 9 9 9)" + fields + "\n");
        assertEquals("evil) S 1 2 3) R 9 9 9", s.comm());
        assertEquals('D', s.state());
        assertEquals(101, s.minorFaults());
        assertEquals(202, s.majorFaults());
        assertEquals(303, s.userTicks());
        assertEquals(404, s.systemTicks());
        assertEquals(3, s.threads());
        assertEquals(505, s.startTicks());
        assertEquals(-1, s.processor());
    }

    @Test
    void missingFieldsAreMinusOne() {
        TaskStat s = TaskStat.parse("42 (short) D 1 2 3 4 5 6 7   ");
        assertEquals(42, s.pid());
        assertEquals('D', s.state());
        assertEquals(7, s.minorFaults());
        assertEquals(-1, s.majorFaults());
        assertEquals(-1, s.userTicks());
        assertEquals(-1, s.threads());
        assertEquals(-1, s.processor());
    }

    @Test
    void nameWithoutFields() {
        TaskStat s = TaskStat.parse("42 ()");
        assertEquals("", s.comm());
        assertEquals('?', s.state());
        assertEquals(-1, s.minorFaults());
    }

    @Test
    void textWithoutANameIsNotAStatLine() {
        assertNull(TaskStat.parse(""));
        assertNull(TaskStat.parse("42 S 1 2 3"));
        assertNull(TaskStat.parse("42 (unterminated S 1 2 3"));
        assertNull(TaskStat.parse("42 ) S ("));
    }

    @Test
    void badNumbersAreMinusOne() {
        TaskStat s = TaskStat.parse("x (a) S 1 1 1 0 -1 0 many 0 9 0 99999999999999999999 5");
        assertEquals(-1, s.pid());
        assertEquals(-1, s.minorFaults());
        assertEquals(9, s.majorFaults());
        assertEquals(-1, s.userTicks());
        assertEquals(5, s.systemTicks());
    }
}
