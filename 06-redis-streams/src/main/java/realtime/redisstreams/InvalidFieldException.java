package realtime.redisstreams;

/** A request field the stream cannot accept; the server answers {@code 400} naming the field. */
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
