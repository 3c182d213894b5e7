package io.mapwatch.kernel.procfs;

/**
 * What /proc/PID/task/TID/syscall says a thread is doing: running on a CPU, blocked inside a system call, or
 * blocked outside one, which for a thread of a JVM mostly means waiting in a page fault.
 *
 * @param kind which of the three forms the kernel printed
 * @param number the system call number in the architecture's numbering (on x86-64: 0 read, 202 futex, ...)
 *     when {@link Kind#IN_SYSCALL}; -1 otherwise
 * @param stackPointer the user stack pointer, an address; -1 when {@link Kind#RUNNING}
 * @param programCounter the user instruction pointer, an address; -1 when {@link Kind#RUNNING}
 */
public record Syscall(Kind kind, long number, long stackPointer, long programCounter) {
    /** The forms of the syscall file. */
    public enum Kind {
        /** {@code running}: on a CPU or runnable; no registers are shown. */
        RUNNING,
        /** {@code -1 SP PC}: blocked, but not in a system call (in a page fault, or stopped). */
        NOT_IN_SYSCALL,
        /** {@code NR ARG1 ... ARG6 SP PC}: blocked in system call NR. */
        IN_SYSCALL,
    }

    /** The syscall text's state, or null if the text is none of the three forms. */
    public static Syscall parse(CharSequence text) {
        ProcText proc = ProcText.of(text);
        byte[] b = proc.bytes();
        int to = AsciiScan.firstLineEnd(proc);
        int first = AsciiScan.skipBlanks(b, 0, to);
        int firstEnd = AsciiScan.fieldEnd(b, first, to);
        if (AsciiScan.regionEquals(b, first, firstEnd, "running")) {
            return new Syscall(Kind.RUNNING, -1, -1, -1);
        }
        long number = AsciiScan.decimal(b, first, firstEnd);
        if (number == AsciiScan.NOT_A_NUMBER || number < -1) {
            return null;
        }
        int fields = 1;
        int previousStart = -1;
        int previousEnd = -1;
        int lastStart = -1;
        int lastEnd = -1;
        int i = AsciiScan.skipBlanks(b, firstEnd, to);
        while (i < to) {
            int end = AsciiScan.fieldEnd(b, i, to);
            previousStart = lastStart;
            previousEnd = lastEnd;
            lastStart = i;
            lastEnd = end;
            fields++;
            i = AsciiScan.skipBlanks(b, end, to);
        }
        if (fields < 3) {
            return null;
        }
        long stackPointer = address(b, previousStart, previousEnd);
        long programCounter = address(b, lastStart, lastEnd);
        if (stackPointer == AsciiScan.NOT_A_NUMBER || programCounter == AsciiScan.NOT_A_NUMBER) {
            return null;
        }
        return number == -1
                ? new Syscall(Kind.NOT_IN_SYSCALL, -1, stackPointer, programCounter)
                : new Syscall(Kind.IN_SYSCALL, number, stackPointer, programCounter);
    }

    /** {@code 0x}-prefixed hex, as the kernel prints registers. */
    private static long address(byte[] text, int from, int to) {
        if (to - from < 3 || text[from] != '0' || text[from + 1] != 'x') {
            return AsciiScan.NOT_A_NUMBER;
        }
        return AsciiScan.hex(text, from + 2, to);
    }
}
