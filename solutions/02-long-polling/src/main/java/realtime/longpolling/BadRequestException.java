package realtime.longpolling;

/** Input the server cannot use. The server returns {@code 400} with a JSON body naming the field. */
public final class BadRequestException extends RuntimeException {

    private final String field;

    public BadRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
