package realtime.shortpolling;

/** Reads the {@code since} query parameter of {@code GET /prices}. */
final class SinceParameter {

    private SinceParameter() {
    }

    /**
     * Returns the version the client already has: 0 when the parameter is absent.
     *
     * @throws BadParameterException when it is not a whole number from 0 to {@code currentVersion}
     */
    static long parse(String raw, long currentVersion) {
        if (raw == null) {
            return 0;
        }
        // >>> step 2: accept only a whole number from 0 to the current version, else throw BadParameterException
        long since;
        try {
            since = Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            throw new BadParameterException("since", "since must be a whole number (a version from a previous response), got '" + raw + "'");
        }
        if (since < 0) {
            throw new BadParameterException("since", "since must not be negative, got " + since);
        }
        if (since > currentVersion) {
            throw new BadParameterException("since", "since " + since + " is ahead of the current version " + currentVersion
                    + "; send a version this server returned, or omit since for a full snapshot");
        }
        return since;
        // <<< step 2
    }
}
