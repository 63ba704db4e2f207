package ssechat.bench;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Headline figures per mode, their ratios (sse-chat / nchan) and the one-line summary. */
final class Report {

    private Report() {
    }

    static Map<String, Object> opening(StreamPool.Opening opening) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("requested", opening.requested());
        o.put("opened", opening.opened());
        o.put("failed", opening.failed());
        o.put("millis", CpuMeter.round(opening.millis()));
        o.put("failures", opening.failures());
        return o;
    }

    /** Key, value, key, value ... in that order. */
    static Map<String, Object> settings(Object... pairs) {
        Map<String, Object> s = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            s.put((String) pairs[i], pairs[i + 1]);
        }
        return s;
    }

    /** The few figures a run is judged by, flat, for the summary line and the ratios. */
    @SuppressWarnings("unchecked")
    static Map<String, Number> headline(String mode, Map<String, Object> r) {
        Map<String, Number> h = new LinkedHashMap<>();
        Map<String, Object> cpu = (Map<String, Object>) r.get("cpu");
        switch (mode) {
            case "fanout" -> {
                Map<String, Object> d = (Map<String, Object>) r.get("deliveries");
                Map<String, Object> l = (Map<String, Object>) r.get("latencyMs");
                Map<String, Object> t = (Map<String, Object>) r.get("throughput");
                h.put("opened", (Number) ((Map<String, Object>) r.get("open")).get("opened"));
                h.put("openMs", (Number) ((Map<String, Object>) r.get("open")).get("millis"));
                putLosses(h, d);
                h.put("p50Ms", (Number) l.get("p50"));
                h.put("p90Ms", (Number) l.get("p90"));
                h.put("p99Ms", (Number) l.get("p99"));
                h.put("maxMs", (Number) l.get("max"));
                h.put("deliveriesPerSecond", (Number) t.get("deliveriesPerSecond"));
                h.put("dropped", (Number) r.get("streamsDroppedByServer"));
                h.put("rssGrowthMb", growthMb(r, "memoryBefore", "memoryAfter"));
            }
            case "publish" -> {
                Map<String, Object> l = (Map<String, Object>) r.get("latencyMs");
                h.put("postsPerSecond", (Number) r.get("postsPerSecond"));
                h.put("p50Ms", (Number) l.get("p50"));
                h.put("p99Ms", (Number) l.get("p99"));
                h.put("maxMs", (Number) l.get("max"));
                h.put("errors", ((Map<String, Long>) r.get("errors")).values().stream().mapToLong(Long::longValue).sum());
            }
            case "idle" -> {
                Map<String, Object> a = (Map<String, Object>) r.get("alive");
                h.put("opened", (Number) ((Map<String, Object>) r.get("open")).get("opened"));
                h.put("openMs", (Number) ((Map<String, Object>) r.get("open")).get("millis"));
                h.put("rssKbPerStream", (Number) ((Map<String, Object>) r.get("perStream")).get("rssKb"));
                h.put("stillOpen", (Number) a.get("stillOpen"));
                h.put("sawHeartbeat", (Number) a.get("sawHeartbeat"));
            }
            case "open" -> {
                List<Map<String, Object>> batches = (List<Map<String, Object>>) r.get("batches");
                Map<String, Object> first = batches.get(0);
                Map<String, Object> last = batches.get(batches.size() - 1);
                h.put("opened", (Number) ((Map<String, Object>) first.get("open")).get("opened"));
                h.put("openSeconds", (Number) first.get("openSeconds"));
                h.put("cpuMsPerOpen", (Number) first.get("cpuMsPerOpen"));
                h.put("warmOpenSeconds", (Number) last.get("openSeconds"));
                h.put("warmCpuMsPerOpen", (Number) last.get("cpuMsPerOpen"));
            }
            case "storm" -> {
                Map<String, Object> c = (Map<String, Object>) r.get("reconnect");
                Map<String, Object> since = (Map<String, Object>) c.get("sinceKillMs");
                Map<String, Object> d = (Map<String, Object>) r.get("deliveries");
                Map<String, Object> onB = (Map<String, Object>) r.get("deliveriesBStreams");
                h.put("dropped", (Number) c.get("dropped"));
                h.put("back", (Number) c.get("back"));
                h.put("reconnectP50Ms", (Number) since.get("p50"));
                h.put("reconnectP99Ms", (Number) since.get("p99"));
                h.put("allBackMs", (Number) c.get("allBackAfterMs"));
                h.put("lost", ((Number) d.get("lost")).longValue() + ((Number) onB.get("lost")).longValue());
                h.put("duplicates", (Number) d.get("duplicates"));
                h.put("outOfOrder", (Number) d.get("outOfOrder"));
                h.put("bP99Ms", (Number) ((Map<String, Object>) r.get("bLatencyDuringStormMs")).get("p99"));
            }
            case "rooms" -> {
                Map<String, Object> d = (Map<String, Object>) r.get("deliveries");
                Map<String, Object> l = (Map<String, Object>) r.get("latencyMs");
                Collection<Map<String, Object>> nodes = ((Map<String, Map<String, Object>>) r.get("nodes")).values();
                List<Double> redis = (List<Double>) r.get("redisCoresEach");
                h.put("posted", (Number) ((Map<String, Object>) r.get("publish")).get("accepted"));
                h.put("deliveriesPerSecond", (Number) ((Map<String, Object>) r.get("throughput")).get("deliveriesPerSecond"));
                h.put("p50Ms", (Number) l.get("p50"));
                h.put("p99Ms", (Number) l.get("p99"));
                h.put("maxMs", (Number) l.get("max"));
                putLosses(h, d);
                h.put("receivedPerNodeMin", nodes.stream().mapToLong(n -> (long) n.get("messagesReceived")).min().orElse(0));
                h.put("receivedPerNodeMax", nodes.stream().mapToLong(n -> (long) n.get("messagesReceived")).max().orElse(0));
                h.put("roomsPerNodeMax", nodes.stream().mapToInt(n -> (int) n.get("rooms")).max().orElse(0));
                h.put("patternObserver", (Number) r.get("patternObserverReceived"));
                h.put("nodeCores", CpuMeter.round(nodes.stream().mapToDouble(n -> (double) n.get("cores")).sum()));
                h.put("redisCores", CpuMeter.round(redis.stream().mapToDouble(Double::doubleValue).sum()));
                h.put("redisCoresMax", redis.stream().mapToDouble(Double::doubleValue).max().orElse(0));
            }
            default -> throw new IllegalArgumentException(mode);
        }
        h.put("serverCores", (Number) cpu.get("serverCores"));
        h.put("toolCores", (Number) cpu.get("toolCores"));
        h.put("toolBound", Boolean.TRUE.equals(cpu.get("toolBound")) ? 1 : 0);
        return h;
    }

    private static void putLosses(Map<String, Number> h, Map<String, Object> deliveries) {
        h.put("lost", (Number) deliveries.get("lost"));
        h.put("duplicates", (Number) deliveries.get("duplicates"));
        h.put("outOfOrder", (Number) deliveries.get("outOfOrder"));
    }

    static Map<String, Object> ratios(Map<String, Number> chat, Map<String, Number> nchan) {
        Map<String, Object> ratios = new LinkedHashMap<>();
        chat.forEach((key, value) -> {
            Number other = nchan.get(key);
            if (other != null && other.doubleValue() != 0 && !key.equals("toolBound")) {
                ratios.put(key, CpuMeter.round(value.doubleValue() / other.doubleValue()));
            }
        });
        return ratios;
    }

    static String line(String mode, Map<String, Map<String, Number>> headlines, Map<String, Object> ratios) {
        StringBuilder s = new StringBuilder(mode);
        headlines.forEach((target, h) -> {
            s.append(" | ").append(target).append(':');
            h.forEach((k, v) -> s.append(' ').append(k).append('=').append(v));
        });
        if (!ratios.isEmpty()) {
            s.append(" | sse-chat/nchan:");
            ratios.forEach((k, v) -> s.append(' ').append(k).append('=').append(v));
        }
        return s.toString();
    }

    @SuppressWarnings("unchecked")
    private static Number growthMb(Map<String, Object> r, String from, String to) {
        long a = (long) ((Map<String, Object>) r.get(from)).get("rssKb");
        long b = (long) ((Map<String, Object>) r.get(to)).get("rssKb");
        return CpuMeter.round((b - a) / 1024.0);
    }
}
