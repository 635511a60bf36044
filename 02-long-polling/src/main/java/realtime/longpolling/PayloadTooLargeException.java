package realtime.longpolling;

/** A request body over the size limit. The server returns {@code 413}. */
public final class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(int size, int maxBytes) {
        super("The body has " + size + " bytes; the maximum is " + maxBytes);
    }
}
