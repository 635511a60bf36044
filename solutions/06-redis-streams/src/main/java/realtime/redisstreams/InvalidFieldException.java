package realtime.redisstreams;

/** A request field the stream cannot accept. The server replies {@code 400} with the field's name. */
public final class InvalidFieldException extends IllegalArgumentException {

    private final String field;

    public InvalidFieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
