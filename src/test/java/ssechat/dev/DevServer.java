package ssechat.dev;

/**
 * {@code ./mvnw -Prun}: the chat on one machine with nothing but a JDK. Starts Redis (the binary
 * of the embedded-redis artifact, unless REDIS_URL is set) and Payara Micro with the WAR at the
 * root context, in development mode, and stops both on Ctrl+C. State and logs live under
 * target/dev, with the generated admin password (target/dev/admin-password) unless
 * CHAT_ADMIN_PASSWORD is set. A port that is taken, or a start that fails, ends the run with an
 * error (the build fails) and leaves nothing running.
 */
public final class DevServer {

    private static final int SIGINT = 130;
    private static final int SIGTERM = 143;

    private DevServer() {
    }

    public static void main(String[] args) throws Exception {
        DevSettings settings = DevSettings.fromSystem();
        System.out.println("Starting sse-chat on port " + settings.port() + " (Payara Micro's log: " + settings.state().resolve("payara.log") + ") ...");
        DevStack stack = DevStack.start(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
        System.out.println();
        System.out.println("  sse-chat is running at http://localhost:" + settings.port() + "/   (Ctrl+C stops it)");
        System.out.println("  admin console at http://localhost:" + settings.port() + "/admin/   " + stack.adminCredentials());
        System.out.println("  Redis at " + stack.redisUrl());
        System.out.println();
        int exit = stack.awaitExit();
        stack.close();
        if (exit != SIGINT && exit != SIGTERM) { // not Ctrl+C or a kill: Payara Micro ended by itself
            throw new DevStartException("Payara Micro stopped (exit code " + exit + "); see " + stack.payaraLog());
        }
    }
}
