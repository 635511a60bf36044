package realtime.longpolling;

/** Reads the {@code cursor} query parameter of {@code GET /messages}. */
final class CursorParameter {

    static final String NAME = "cursor";

    private CursorParameter() {
    }

    /**
     * Returns the cursor as a sequence number from 0 to {@code lastSeq}.
     *
     * @throws BadRequestException when it is missing, not a whole number, negative, or ahead of
     *     the newest message (a client that kept its cursor across a server restart, say)
     */
    static long parse(String raw, long lastSeq) {
        if (raw == null || raw.isBlank()) {
            throw new UnsupportedOperationException("TODO step 4: reject a poll that has no cursor");
        }

        long cursor;
        try {
            cursor = Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            throw new UnsupportedOperationException("TODO step 4: reject a cursor that is not a whole number");
        }

        if (cursor < 0 || cursor > lastSeq) {
            throw new UnsupportedOperationException("TODO step 4: reject a cursor below 0 or ahead of the newest message");
        }
        return cursor;
    }
}
