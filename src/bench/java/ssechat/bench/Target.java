package ssechat.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A server under test: sse-chat (the contract: sessions, {@code /api/rooms/{room}/events},
 * {@code POST /api/rooms/{room}/messages}) or Nginx with nchan ({@code /sub/{room}}, {@code POST /pub/{room}}).
 */
record Target(String name, Kind kind, String host, int port) {

    enum Kind { CHAT, NCHAN }

    static Target of(String name, Kind kind, String url) {
        URI uri = URI.create(url);
        if (!"http".equals(uri.getScheme())) {
            throw new IllegalArgumentException("Only http:// URLs: " + url);
        }
        return new Target(name, kind, uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort());
    }

    String streamPath(String room) {
        return kind == Kind.CHAT ? "/api/rooms/" + room + "/events" : "/sub/" + room;
    }

    String publishPath(String room) {
        return kind == Kind.CHAT ? "/api/rooms/" + room + "/messages" : "/pub/" + room;
    }

    /** sse-chat's stream is open (registered with the room) once its {@code welcome} event arrived. */
    boolean waitsForWelcome() {
        return kind == Kind.CHAT;
    }

    boolean needsSessions() {
        return kind == Kind.CHAT;
    }

    byte[] streamRequest(String room) {
        return streamRequest(room, null);
    }

    /** {@code lastEventId}: resume after it (null: a new stream). */
    byte[] streamRequest(String room, String lastEventId) {
        return ("GET " + streamPath(room) + " HTTP/1.1\r\nHost: " + host + ":" + port
                + "\r\nAccept: text/event-stream\r\nCache-Control: no-cache\r\n"
                + (lastEventId == null ? "" : "Last-Event-ID: " + lastEventId + "\r\n") + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** The message body: its text carries the sequence number and the send time ({@link SseParser} reads them back). */
    static String messageBody(int seq, long sentNanos, String padding) {
        return "{\"text\":\"bench " + seq + " " + sentNanos + padding + "\"}";
    }

    /** Text to append to each message so that it is about {@code bytes} long (0: no padding). */
    static String padding(int bytes) {
        return bytes <= 40 ? "" : " " + "x".repeat(bytes - 40);
    }

    String url() {
        return "http://" + host + ":" + port;
    }
}
