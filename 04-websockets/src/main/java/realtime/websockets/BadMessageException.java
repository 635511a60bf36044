package realtime.websockets;

/** A client message that cannot be handled: malformed JSON, an unknown type or an invalid field. */
public final class BadMessageException extends Exception {

    private final String field;

    public BadMessageException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** Returns the JSON field at fault, or null when the whole message is at fault, as with malformed JSON. */
    public String field() {
        return field;
    }
}
