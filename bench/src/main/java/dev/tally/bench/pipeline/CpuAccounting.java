package dev.tally.bench.pipeline;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time used by the stack under test, per process, between two snapshots: the local runtime's
 * JVM (DynamoDB, SQS, the HTTP and Runtime APIs, the event source mappings), each function's
 * containers (summed per function) and this benchmark's own JVM. On a machine shared with other
 * work, wall-clock rates move with the other work's load; CPU milliseconds per command move much
 * less, and they say which process a command's cost is spent in. Linux only ({@code /proc}); else
 * nothing is reported.
 */
final class CpuAccounting {

    private static final String CONTAINER_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    /** Clock ticks per second of {@code /proc/<pid>/stat} (USER_HZ, 100 on Linux on every architecture in use). */
    private static final double TICKS_PER_SECOND = 100.0;

    /** CPU milliseconds by process group, and the whole machine's busy and total milliseconds. */
    record Snapshot(Map<String, Double> millisByProcess, double machineBusyMillis, double machineTotalMillis) {}

    private final Long stackPid;

    /** @param stackPid the local runtime's process id, or null when the stack is not ours to watch */
    CpuAccounting(Long stackPid) {
        this.stackPid = stackPid;
    }

    Snapshot snapshot() {
        Map<String, Double> byProcess = new TreeMap<>();
        if (stackPid != null) {
            ProcessHandle.of(stackPid).ifPresent(stack -> {
                add(byProcess, "local runtime (DynamoDB, SQS, APIs, mappings)", stackPid);
                stack.descendants().forEach(child -> add(byProcess, functionOf(child), child.pid()));
            });
        }
        byProcess.put(
                "benchmark client",
                ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                                .getProcessCpuTime()
                        / 1e6);
        double[] machine = machineMillis();
        return new Snapshot(byProcess, machine[0], machine[1]);
    }

    /**
     * CPU milliseconds per command between two snapshots, per process group and in total, with how
     * busy the whole machine was and how much of that was not this stack or this client.
     */
    static Map<String, Object> perCommand(Snapshot before, Snapshot after, long commands, int cores) {
        Map<String, Object> result = new LinkedHashMap<>();
        Map<String, Object> perProcess = new LinkedHashMap<>();
        double total = 0;
        for (Map.Entry<String, Double> entry : after.millisByProcess().entrySet()) {
            double used = entry.getValue() - before.millisByProcess().getOrDefault(entry.getKey(), 0.0);
            total += used;
            perProcess.put(entry.getKey(), round(used / Math.max(1, commands)));
        }
        result.put("commands", commands);
        result.put("perProcess", perProcess);
        result.put("total", round(total / Math.max(1, commands)));
        double busy = after.machineBusyMillis() - before.machineBusyMillis();
        double all = after.machineTotalMillis() - before.machineTotalMillis();
        if (all > 0) {
            result.put("machineBusyPercent", round(100 * busy / all));
            result.put("othersBusyCores", round(Math.max(0, busy - total) / (all / cores)));
        }
        return result;
    }

    private static void add(Map<String, Double> byProcess, String name, long pid) {
        double millis = processMillis(pid);
        if (millis >= 0) {
            byProcess.merge(name, millis, Double::sum);
        }
    }

    /** A container's function, from the handler class its runtime interface client was started with. */
    private static String functionOf(ProcessHandle process) {
        List<String> arguments = List.of(process.info().arguments().orElse(new String[0]));
        int main = arguments.indexOf(CONTAINER_MAIN);
        if (main < 0 || main + 1 >= arguments.size()) {
            return "other children";
        }
        String handler = arguments.get(main + 1);
        return handler.substring(handler.lastIndexOf('.') + 1);
    }

    /** User + system CPU of one process in milliseconds, or -1 when it is gone (exited containers are not counted). */
    private static double processMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // Fields 14 and 15 of stat(5) (utime, stime) are at 11 and 12 after the command name.
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 1000 / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** {busy, total} milliseconds of all cores from the first line of {@code /proc/stat}, or zeros. */
    private static double[] machineMillis() {
        try {
            String[] fields =
                    Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            double total = 0;
            double idle = 0;
            for (int i = 1; i < fields.length && i <= 8; i++) {
                double ticks = Double.parseDouble(fields[i]);
                total += ticks;
                if (i == 4 || i == 5) { // idle, iowait
                    idle += ticks;
                }
            }
            return new double[] {(total - idle) * 1000 / TICKS_PER_SECOND, total * 1000 / TICKS_PER_SECOND};
        } catch (IOException | RuntimeException e) {
            return new double[] {0, 0};
        }
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
