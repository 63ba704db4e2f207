package ssechat.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU between two samples: this tool's (per thread and in total), the server's, and the machine's.
 * The tool is "tool-bound" when one of its threads or the whole tool used more than the
 * threshold (default 85%) of one core: then the figures say more about the tool than the server.
 */
final class CpuMeter {

    record Sample(long wallNanos, long processNanos, Map<Long, Long> threadNanos, long serverTicks, long[] machine) {
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final double TICKS_PER_SECOND = 100.0;

    private CpuMeter() {
    }

    static Sample sample(ServerProbe server) {
        Map<Long, Long> threads = new HashMap<>();
        for (long id : THREADS.getAllThreadIds()) {
            long nanos = THREADS.getThreadCpuTime(id);
            if (nanos >= 0) {
                threads.put(id, nanos);
            }
        }
        return new Sample(System.nanoTime(), OS.getProcessCpuTime(), threads, server.cpuTicks(), machine());
    }

    static Map<String, Object> between(Sample a, Sample b, double threshold) {
        double seconds = (b.wallNanos - a.wallNanos) / 1e9;
        double tool = (b.processNanos - a.processNanos) / 1e9 / seconds;
        String hottest = "";
        double hottestCores = 0;
        for (Map.Entry<Long, Long> thread : b.threadNanos.entrySet()) {
            double cores = (thread.getValue() - a.threadNanos.getOrDefault(thread.getKey(), 0L)) / 1e9 / seconds;
            if (cores > hottestCores) {
                ThreadInfo info = THREADS.getThreadInfo(thread.getKey());
                hottest = info == null ? "#" + thread.getKey() : info.getThreadName();
                hottestCores = cores;
            }
        }
        long busy = b.machine[0] - a.machine[0];
        long total = b.machine[1] - a.machine[1];
        Map<String, Object> cpu = new LinkedHashMap<>();
        cpu.put("seconds", round(seconds));
        cpu.put("cores", Runtime.getRuntime().availableProcessors());
        cpu.put("toolCores", round(tool));
        cpu.put("toolHottestThread", hottest);
        cpu.put("toolHottestThreadCores", round(hottestCores));
        cpu.put("serverCores", cores(b.serverTicks - a.serverTicks, seconds));
        cpu.put("machineBusy", total == 0 ? 0.0 : round(busy / (double) total));
        boolean bound = hottestCores > threshold || tool > threshold;
        cpu.put("toolBound", bound);
        cpu.put("toolBoundReason", !bound ? "" : hottestCores > threshold
                ? "thread " + hottest + " used " + round(hottestCores) + " of a core"
                : "the tool used " + round(tool) + " cores in total");
        return cpu;
    }

    /** {busy, total} jiffies of the whole machine from /proc/stat. */
    private static long[] machine() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (java.io.IOException e) {
            return new long[] {0, 0};
        }
    }

    /** Cores used on average by processes that spent {@code ticks} of CPU (/proc clock ticks) in {@code seconds}. */
    static double cores(long ticks, double seconds) {
        return round(ticks / TICKS_PER_SECOND / seconds);
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
