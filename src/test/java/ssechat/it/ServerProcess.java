package ssechat.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The test server's process as Linux shows it: found by the socket listening on its HTTP port,
 * so that a test can count the files (sockets included) it holds open.
 */
public final class ServerProcess {

    private static final String LISTEN = "0A";

    private final long pid;

    private ServerProcess(long pid) {
        this.pid = pid;
    }

    /** The process listening on {@code port} on this machine. */
    public static ServerProcess listeningOn(int port) {
        String inode = listeningInode(port);
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.filter(dir -> dir.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(dir -> holds(dir, "socket:[" + inode + "]"))
                    .findFirst().map(dir -> new ServerProcess(Long.parseLong(dir.getFileName().toString())))
                    .orElseThrow(() -> new IllegalStateException("no process of this user holds the socket listening on " + port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long pid() {
        return pid;
    }

    /** How many file descriptors the process holds now. */
    public int openFiles() {
        try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            return (int) fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String listeningInode(int port) {
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                List<String> lines = Files.readAllLines(Path.of(table));
                for (String line : lines.subList(1, lines.size())) {
                    String[] columns = line.trim().split("\\s+");
                    if (columns[1].endsWith(hexPort) && LISTEN.equals(columns[3])) {
                        return columns[9];
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("nothing listens on port " + port);
    }

    private static boolean holds(Path process, String socket) {
        try (Stream<Path> fds = Files.list(process.resolve("fd"))) {
            return fds.anyMatch(fd -> {
                try {
                    return socket.equals(Files.readSymbolicLink(fd).toString());
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (IOException | SecurityException e) {
            return false; // another user's process, or one that has just ended
        }
    }
}
