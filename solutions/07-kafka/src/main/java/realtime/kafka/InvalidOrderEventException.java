package realtime.kafka;

/** A record value that is not a valid order event: bad JSON, or a required field missing. */
public final class InvalidOrderEventException extends RuntimeException {

    public InvalidOrderEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
