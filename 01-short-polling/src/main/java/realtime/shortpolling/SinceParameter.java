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
        throw new UnsupportedOperationException("TODO step 2: accept only a whole number from 0 to the current version, else throw BadParameterException");
    }
}
