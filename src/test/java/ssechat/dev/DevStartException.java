package ssechat.dev;

/** The development run could not start; the message says why and what to do. */
final class DevStartException extends RuntimeException {

    DevStartException(String message) {
        super(message);
    }
}
