package org.coact.runner.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The fixed cost of a Coact process, for {@code coact bench}: what this JVM spent before the
 * command ran (start, class loading, picocli), what starting the plugin host adds, and, as the
 * baseline, an empty JVM ({@code java -version}, the same binary and flags) started from here.
 * CPU times come from the JVM's own process-CPU counter and, for the child, from the
 * children's CPU time Linux accumulates in {@code /proc/self/stat} once a child is reaped
 * (absent elsewhere: then only wall time is given).
 */
final class StartupCost {

    /** Clock ticks per second of {@code /proc/<pid>/stat} (USER_HZ, 100 on Linux). */
    private static final double TICKS = 100.0;

    private StartupCost() {
    }

    /** @return seconds of wall time since this JVM started */
    static double uptime() {
        return ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
    }

    /** @return seconds of CPU time this process has used, if the JVM tells */
    static OptionalDouble processCpu() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long nanos = os.getProcessCpuTime();
            return nanos < 0 ? OptionalDouble.empty() : OptionalDouble.of(nanos / 1e9);
        }
        return OptionalDouble.empty();
    }

    /** @return whether this JVM maps a class-data archive of Coact's classes (the launcher's AppCDS) */
    static boolean classDataArchive() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(a -> a.startsWith("-XX:SharedArchiveFile="));
    }

    /**
     * Runs {@code java -version} with this JVM's binary and flags, as many times as asked.
     *
     * @return {wall seconds, CPU seconds or NaN}, medians over the runs
     */
    static double[] emptyJvm(int runs) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> flags = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-XX:") || a.startsWith("-Xm")).filter(a -> !a.contains("Archive"))
                .toList();
        double[] wall = new double[runs];
        double[] cpu = new double[runs];
        for (int r = 0; r < runs; r++) {
            List<String> command = new java.util.ArrayList<>();
            command.add(java);
            command.addAll(flags);
            command.add("-version");
            double before = childrenCpu();
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor();
            wall[r] = (System.nanoTime() - t0) / 1e9;
            cpu[r] = childrenCpu() - before;
        }
        return new double[] {BenchCommand.median(wall), BenchCommand.median(cpu)};
    }

    /** CPU seconds of this process's reaped children (cutime + cstime), or NaN off Linux. */
    private static double childrenCpu() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after the command: state is field 3; cutime and cstime are fields 16 and 17
            return (Long.parseLong(f[13]) + Long.parseLong(f[14])) / TICKS;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
