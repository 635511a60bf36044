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
            // >>> step 4: reject a poll that has no cursor
            throw new BadRequestException(NAME, "cursor is required: send 0 to read from the oldest message kept");
            // <<< step 4
        }

        long cursor;
        try {
            cursor = Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            // >>> step 4: reject a cursor that is not a whole number
            throw new BadRequestException(NAME, "cursor must be a whole number, got '" + raw + "'");
            // <<< step 4
        }

        if (cursor < 0 || cursor > lastSeq) {
            // >>> step 4: reject a cursor below 0 or ahead of the newest message
            throw new BadRequestException(NAME, "cursor must be from 0 to " + lastSeq + " (the newest message), got " + cursor);
            // <<< step 4
        }
        return cursor;
    }
}
