package io.uplink.bench.cpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The CPU of the children a process has waited for ({@code cutime + cstime} of {@code /proc/<pid>/stat}): what
 * exited children used, which no live process reports any more. Zero where {@code /proc} is not there.
 */
final class ReapedChildrenCpu {

    /** {@code USER_HZ}: Linux reports these times in clock ticks of 1/100 s on every architecture it runs on here. */
    private static final int TICKS_PER_SECOND = 100;

    private ReapedChildrenCpu() {
    }

    static Duration of(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            // the command name (field 2) is in parentheses and may hold spaces: count fields after its ')'
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[13]) + Long.parseLong(fields[14]); // fields 16 and 17
            return Duration.ofMillis(ticks * 1000 / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return Duration.ZERO;
        }
    }
}
