package realtime.websockets;

/**
 * The WebSocket close codes this chat sends. Codes 1000 to 2999 are defined by RFC 6455 and the
 * IANA registry; 4000 to 4999 are for applications, so a client learns their meaning from this
 * class and the lesson, not from the standard.
 */
public final class CloseCodes {

    /** 1003: the server accepts only text frames carrying JSON. */
    public static final int UNSUPPORTED_DATA = 1003;

    /** 1006: never sent on the wire; reported locally when the TCP connection ended without a close frame. */
    public static final int ABNORMAL = 1006;

    /** 1009: a message was larger than the configured maximum. */
    public static final int MESSAGE_TOO_BIG = 1009;

    /**
     * 4001: the client read too slowly and fell more than the outbound limit behind. The client
     * may reconnect and resume from the last sequence it saw.
     */
    public static final int SLOW_CONSUMER = 4001;

    private CloseCodes() {
    }
}
