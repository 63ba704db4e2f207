package ssechat.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The load tool: {@code ./mvnw -Pbench -Dbench.args="<mode> --url=... [--nchan=...] ..."}.
 * Runs the mode against sse-chat ({@code --url}) and, in the same run, Nginx with nchan
 * ({@code --nchan}), writes a JSON result and prints a one-line summary. See README, "Benchmark".
 */
public final class Bench {

    private static final String USAGE = """
            usage: <mode> [--url=http://127.0.0.1:8180] [--nchan=http://127.0.0.1:8190] [options]
              fanout   --streams=500 --messages=200 --rate=20 [--slow-fraction=0.01 --slow-rcvbuf=8192] [--jfr=file.jfr]
                       [--post-connections=2] [--drain-seconds=20] [--text-bytes=0] [--gc=false]
              publish  --writers=32 --seconds=20 [--warmup-seconds=3]
              idle     --streams=1000 --seconds=30 [--gc=true]  (jcmd GC.run before each memory reading)
              open     --streams=5000 --batches=3 [--cold --cold-wait-seconds=30 --cold-node=1]
                       (time and server CPU per open, per batch; --cold restarts the node first with servers.sh)
              storm    --url=$FRONT_URL --b-url=$NODE2_URL --a-pid=$NODE1_PID --streams=5000 --b-streams=500
                       --rate=5 --before-seconds=3 --seconds=20  (servers.sh start 2 with BENCH_FRONT_BACKUP=1)
              rooms    --url=$FRONT_URL --rooms=100 --streams-per-room=10 --rate=200 --seconds=30 (or --messages=)
                       --node-urls=$NODE_URLS --chat-pids=$NODE_PIDS --redis-pids=$REDIS_PIDS
                       [--admin-password-file=target/bench/admin-password] [--observe-redis=$REDIS_URL]
                       [--post-connections=8] (sse-chat only; per node: streams, rooms, Redis messages received, CPU; CPU per redis-server)
              hotspots --jfr=file.jfr [--top=25]                 (where a JFR recording spent its samples)
            common: --io-threads=2 --local-addresses=4 --open-concurrency=1000 --settle-millis
                    --chat-pids=... --nchan-pids=... (else found by port with ss -ltnp)
                    --tool-bound=0.85 --out=target/bench/<mode>-<time>.json --pause-seconds=5
                    --warmup-fanout=0 (seconds) --warmup-rate=20 --warmup-streams=min(streams,1000): an uncounted fan-out first
            """;

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        if (o.mode.equals("hotspots")) {
            Hotspots.print(Path.of(o.string("jfr", "target/bench/fanout.jfr")), o.integer("top", 25));
            return;
        }
        if (!List.of("fanout", "publish", "idle", "open", "storm", "rooms").contains(o.mode)) {
            System.out.print(USAGE);
            return;
        }
        List<Target> targets = new ArrayList<>();
        if (o.has("url")) {
            targets.add(Target.of("sse-chat", Target.Kind.CHAT, o.string("url", "")));
        }
        if (o.has("nchan") && !List.of("storm", "rooms").contains(o.mode)) {
            targets.add(Target.of("nchan", Target.Kind.NCHAN, o.string("nchan", "")));
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("Give --url (sse-chat) and/or --nchan");
        }
        String run = Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("mode", o.mode);
        result.put("startedAt", LocalDateTime.now().toString());
        result.put("arguments", o.given());
        result.put("machine", machine());
        Map<String, Object> results = new LinkedHashMap<>();
        Map<String, Map<String, Number>> headlines = new LinkedHashMap<>();
        for (Target target : targets) {
            if (!results.isEmpty()) {
                Clock.sleepMillis(o.integer("pause-seconds", 5) * 1000L);
            }
            System.out.printf("%s against %s at %s%n", o.mode, target.name(), target.url());
            Map<String, Object> cold = o.mode.equals("open") ? Open.restartIfCold(target, o) : Map.of();
            ServerProbe server = ServerProbe.of(target, cold.isEmpty()
                    ? o.list(target.kind() == Target.Kind.CHAT ? "chat-pids" : "nchan-pids") : List.of());
            warmUp(target, o, run, server);
            Map<String, Object> r = switch (o.mode) {
                case "fanout" -> Fanout.run(target, o, run, server);
                case "publish" -> Publish.run(target, o, run, server);
                case "open" -> Open.run(target, o, run, server, cold);
                case "storm" -> Storm.run(target, o, run, server);
                case "rooms" -> Rooms.run(target, o, run, server);
                default -> Idle.run(target, o, run, server);
            };
            Map<String, Number> headline = Report.headline(o.mode, r);
            r.put("headline", headline);
            results.put(target.name(), r);
            headlines.put(target.name(), headline);
            System.out.printf("  %s%n", headline);
        }
        result.put("results", results);
        Map<String, Object> ratios = headlines.size() == 2
                ? Report.ratios(headlines.get("sse-chat"), headlines.get("nchan")) : Map.of();
        result.put("ratiosChatOverNchan", ratios);
        String summary = Report.line(o.mode, headlines, ratios);
        result.put("summary", summary);
        Path out = Path.of(o.string("out", "target/bench/" + o.mode + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".json"));
        if (!o.unused().isEmpty()) {
            result.put("unusedOptions", o.unused());
            System.out.println("warning: options not used by " + o.mode + ": " + o.unused());
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, Json.write(result));
        System.out.println("result: " + out);
        System.out.println(summary);
    }

    /** A short fan-out whose figures are thrown away, so that the measured run meets a warm JIT and a sized heap. */
    private static void warmUp(Target target, Options o, String run, ServerProbe server) throws Exception {
        int seconds = o.integer("warmup-fanout", 0);
        if (seconds > 0) {
            double rate = o.decimal("warmup-rate", 20);
            int streams = o.integer("warmup-streams", Math.min(o.integer("streams", 500), 1000));
            Options warm = o.with(Map.of("streams", String.valueOf(streams),
                    "messages", String.valueOf((int) (seconds * rate)), "rate", String.valueOf(rate), "slow-fraction", "0",
                    "jfr", "", "room", "bench-" + run + "-warmup"));
            Map<String, Object> r = Fanout.run(target, warm, run + "w", server);
            System.out.printf("  warm-up (not counted): %s%n", Report.headline("fanout", r));
            Clock.sleepMillis(2000);
        }
    }

    private static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        m.put("toolMaxHeapMb", Runtime.getRuntime().maxMemory() >> 20);
        return m;
    }
}
