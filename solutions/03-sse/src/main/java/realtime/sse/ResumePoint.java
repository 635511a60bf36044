package realtime.sse;

import java.util.OptionalLong;

/**
 * The position a client resumes the stream from: the {@code Last-Event-ID} header that a reconnecting
 * {@code EventSource} sends, or else the {@code lastEventId} query parameter, which a page uses on
 * its first connection because {@code EventSource} cannot set headers.
 */
public final class ResumePoint {

    public static final String HEADER = "Last-Event-ID";
    public static final String QUERY_PARAMETER = "lastEventId";

    private ResumePoint() {
    }

    /**
     * Returns the id to resume after, or empty for a client that starts live.
     *
     * @throws InvalidRequestException when the id is not a non-negative integer; this server only
     *                                 issues such ids
     */
    public static OptionalLong parse(String header, String queryParameter) {
        if (header != null && !header.isEmpty()) {
            return OptionalLong.of(parseId(HEADER, header));
        }
        if (queryParameter != null && !queryParameter.isEmpty()) {
            return OptionalLong.of(parseId(QUERY_PARAMETER, queryParameter));
        }
        return OptionalLong.empty();
    }

    private static long parseId(String field, String value) {
        if (!value.matches("[0-9]{1,18}")) {
            throw new InvalidRequestException(field, field + " must be a non-negative integer from this server, got '" + value + "'");
        }
        return Long.parseLong(value);
    }
}
