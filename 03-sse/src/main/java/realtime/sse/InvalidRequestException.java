package realtime.sse;

/** A request the server rejects with a 4xx status and a JSON body naming the field. */
public final class InvalidRequestException extends RuntimeException {

    private final int status;
    private final String field;

    /** Creates a 400 Bad Request about the named field, header or query parameter. */
    public InvalidRequestException(String field, String message) {
        this(400, field, message);
    }

    public InvalidRequestException(int status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }
}
