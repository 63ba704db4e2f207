package ssechat.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's processes, found by listening port ({@code ss -ltnp}) or given as pids: RSS from
 * {@code /proc/<pid>/status} (summed over Nginx's master and workers), CPU from {@code /proc/<pid>/stat},
 * and for a JVM heap use, GC and JFR through {@code jcmd}.
 */
final class ServerProbe {

    private static final Pattern PID = Pattern.compile("pid=(\\d+)");
    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    final List<Long> pids;
    final boolean java;

    private ServerProbe(List<Long> pids) {
        this.pids = pids;
        this.java = pids.size() == 1 && command(pids.get(0)).contains("java");
    }

    static ServerProbe of(Target target, List<String> givenPids) {
        List<Long> pids = new ArrayList<>();
        if (!givenPids.isEmpty()) {
            givenPids.forEach(p -> pids.add(Long.parseLong(p)));
        } else {
            Matcher m = PID.matcher(run("ss", "-ltnpH", "sport = :" + target.port()));
            while (m.find()) {
                long pid = Long.parseLong(m.group(1));
                if (!pids.contains(pid)) {
                    pids.add(pid);
                }
            }
        }
        return new ServerProbe(pids);
    }

    long rssKb() {
        long sum = 0;
        for (long pid : pids) {
            for (String line : lines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    sum += Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        }
        return sum;
    }

    /** User plus system CPU time of all the server's processes, in clock ticks (1/100 s). */
    long cpuTicks() {
        long sum = 0;
        for (long pid : pids) {
            List<String> stat = lines(Path.of("/proc", String.valueOf(pid), "stat"));
            if (!stat.isEmpty()) {
                String[] fields = stat.get(0).substring(stat.get(0).lastIndexOf(')') + 2).split(" ");
                sum += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            }
        }
        return sum;
    }

    /** Heap in use (young plus old, not metaspace) in KiB, or -1 when the server is not one JVM. */
    long heapUsedKb() {
        if (!java) {
            return -1;
        }
        long used = 0;
        for (String line : jcmd("GC.heap_info").split("\n")) {
            Matcher m = USED.matcher(line);
            if (m.find() && !line.contains("Metaspace") && !line.contains("class space")) {
                used += Long.parseLong(m.group(1));
            }
        }
        return used;
    }

    Map<String, Object> memory(boolean collectFirst) {
        if (collectFirst && java) {
            jcmd("GC.run");
        }
        Map<String, Object> memory = new LinkedHashMap<>();
        memory.put("rssKb", rssKb());
        memory.put("heapUsedKb", heapUsedKb());
        return memory;
    }

    void startRecording(Path file) {
        if (java) {
            jcmd("JFR.start", "name=bench", "settings=profile", "filename=" + file.toAbsolutePath());
        }
    }

    void stopRecording() {
        if (java) {
            jcmd("JFR.stop", "name=bench");
        }
    }

    Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("pids", pids);
        d.put("command", pids.isEmpty() ? "" : command(pids.get(0)));
        return d;
    }

    private String jcmd(String... args) {
        List<String> command = new ArrayList<>(List.of("jcmd", String.valueOf(pids.get(0))));
        command.addAll(List.of(args));
        return run(command.toArray(String[]::new));
    }

    private static String command(long pid) {
        List<String> cmdline = lines(Path.of("/proc", String.valueOf(pid), "cmdline"));
        String text = cmdline.isEmpty() ? "" : cmdline.get(0).replace('\0', ' ').trim();
        return text.length() > 160 ? text.substring(0, 160) + "..." : text;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return List.of();
        }
    }

    static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(60, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
