package ssechat.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * {@code hotspots --jfr=file}: where a JFR recording's CPU samples went (top frames, methods on
 * the stack, threads), how long GC paused, and which stacks parked or waited on monitors longest.
 */
final class Hotspots {

    private static final List<String> OURS = List.of("ssechat.", "org.glassfish.jersey.", "org.glassfish.grizzly.",
            "redis.clients.", "org.jboss.weld.", "com.sun.ejb.", "org.glassfish.ejb.");

    /** Native frames where a thread waits rather than works (selectors, polls, reads). */
    private static final List<String> WAITING = List.of("EPoll.wait", "LinuxWatchService.poll", "Net.poll", "read0", "accept");

    private Hotspots() {
    }

    static void print(Path file, int top) throws IOException {
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> onStack = new HashMap<>();
        Map<String, Long> threads = new HashMap<>();
        Map<String, Long> parked = new HashMap<>();
        Map<String, Long> gc = new HashMap<>();
        Map<String, Long> nativeBusy = new HashMap<>();
        Set<Long> sampledThreads = new HashSet<>();
        long samples = 0;
        long nativeSamples = 0;
        long peakThreads = 0;
        long pauses = 0;
        Duration pauseTotal = Duration.ZERO;
        Duration pauseMax = Duration.ZERO;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            String type = e.getEventType().getName();
            if (type.equals("jdk.ExecutionSample")) {
                samples++;
                sample(e, self, onStack);
                threads.merge(threadGroup(e), 1L, Long::sum);
                sampledThreads.add(e.getThread("sampledThread").getJavaThreadId());
            } else if (type.equals("jdk.NativeMethodSample") && e.getStackTrace() != null && !e.getStackTrace().getFrames().isEmpty()) {
                String frame = name(e.getStackTrace().getFrames().get(0));
                if (WAITING.stream().noneMatch(frame::contains)) {
                    nativeSamples++;
                    nativeBusy.merge(frame + " <- " + firstOwnFrame(e.getStackTrace()) + " [" + threadGroup(e) + "]", 1L, Long::sum);
                }
            } else if (type.equals("jdk.GCPhasePause")) {
                pauses++;
                pauseTotal = pauseTotal.plus(e.getDuration());
                pauseMax = e.getDuration().compareTo(pauseMax) > 0 ? e.getDuration() : pauseMax;
            } else if (type.equals("jdk.ThreadPark") || type.equals("jdk.JavaMonitorEnter") || type.equals("jdk.SocketWrite")) {
                parked.merge(type.substring(4) + " at " + firstOwnFrame(e.getStackTrace()), e.getDuration().toMillis(), Long::sum);
            } else if (type.equals("jdk.JavaThreadStatistics")) {
                peakThreads = Math.max(peakThreads, e.getLong("peakCount"));
            } else if (type.equals("jdk.GarbageCollection")) {
                gc.merge(e.getString("name"), 1L, Long::sum);
            }
        }
        System.out.printf("%s: %d Java CPU samples over %d distinct threads, %d busy native samples;"
                + " peak live threads %d; GC pauses %d, total %d ms, max %d ms; collections %s%n", file, samples,
                sampledThreads.size(), nativeSamples, peakThreads, pauses, pauseTotal.toMillis(), pauseMax.toMillis(), gc);
        table("Top frames (self samples)", self, samples, top);
        table("Methods of the app and its frameworks on the stack (inclusive samples)", onStack, samples, top);
        table("Threads (samples; digits folded to N)", threads, samples, 12);
        table("Busy native frames (system calls that work, not wait) <- first app or framework frame", nativeBusy, nativeSamples, 12);
        table("Parked (idle waits included) / monitor / socket-write time, ms summed over threads, by first app or framework frame", parked, 0, 12);
    }

    private static void sample(RecordedEvent e, Map<String, Long> self, Map<String, Long> onStack) {
        RecordedStackTrace stack = e.getStackTrace();
        if (stack == null || stack.getFrames().isEmpty()) {
            return;
        }
        self.merge(name(stack.getFrames().get(0)), 1L, Long::sum);
        Set<String> seen = new HashSet<>();
        for (RecordedFrame frame : stack.getFrames()) {
            String name = name(frame);
            if (OURS.stream().anyMatch(name::startsWith) && seen.add(name)) {
                onStack.merge(name, 1L, Long::sum);
            }
        }
    }

    private static String firstOwnFrame(RecordedStackTrace stack) {
        if (stack == null) {
            return "?";
        }
        for (RecordedFrame frame : stack.getFrames()) {
            String name = name(frame);
            if (OURS.stream().anyMatch(name::startsWith)) {
                return name;
            }
        }
        for (RecordedFrame frame : stack.getFrames()) {
            String name = name(frame);
            if (!name.startsWith("jdk.internal.") && !name.startsWith("java.util.concurrent.locks.")) {
                return name;
            }
        }
        return "?";
    }

    private static String threadGroup(RecordedEvent e) {
        String name = e.getThread("sampledThread") == null ? "?" : e.getThread("sampledThread").getJavaName();
        return name == null ? "?" : name.replaceAll("\\d+", "N");
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static void table(String title, Map<String, Long> counts, long total, int top) {
        System.out.println();
        System.out.println(title);
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(entry -> System.out.printf("  %8d %6s  %s%n", entry.getValue(),
                        total == 0 ? "" : String.format("%.1f%%", 100.0 * entry.getValue() / total), entry.getKey()));
    }
}
