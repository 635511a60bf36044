package realtime.shortpolling;

/** Entity tags of the price board: how a client proves it already has the current version. */
final class EntityTags {

    private EntityTags() {
    }

    /** The strong entity tag of a board version, quotes included: {@code "42"}. */
    static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * Tells whether an {@code If-None-Match} header value names the given tag, so the client's copy
     * is current. The header is {@code *} or a comma-separated list of tags; {@code If-None-Match}
     * uses the weak comparison, so {@code W/"42"} matches {@code "42"}.
     */
    static boolean matches(String ifNoneMatch, String etag) {
        // >>> step 3: tell whether If-None-Match is * or lists this tag, weak or strong
        String header = ifNoneMatch.strip();
        if (header.equals("*")) {
            return true;
        }
        for (String candidate : header.split(",")) {
            String tag = candidate.strip();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(etag)) {
                return true;
            }
        }
        return false;
        // <<< step 3
    }
}
