package realtime.websockets;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * Decides at the WebSocket handshake, before any message flows, whether a connection may open.
 * Both servers in this module ask it: the Java-WebSocket {@link ChatServer} and the Javalin
 * {@link JavalinChat}.
 */
public final class HandshakeCheck {

    /** The outcome of a handshake: 101 with the user, or an HTTP error status with a reason. */
    public record Decision(int status, String user, String reason) {

        static Decision accept(String user) {
            return new Decision(101, user, "accepted");
        }

        static Decision reject(int status, String reason) {
            return new Decision(status, null, reason);
        }

        public boolean accepted() {
            return status == 101;
        }
    }

    private final Set<String> allowedOrigins;
    private final Tokens tokens;

    public HandshakeCheck(Set<String> allowedOrigins, Tokens tokens) {
        this.allowedOrigins = Set.copyOf(allowedOrigins);
        this.tokens = tokens;
    }

    /**
     * Checks the {@code Origin} header and the token of an upgrade request.
     *
     * @param origin the Origin header, or null when the client sent none
     * @param token  the token query parameter, or null when missing
     */
    public Decision check(String origin, String token) {
        // >>> step 1: reject a foreign Origin with 403 and a missing or invalid token with 401
        // A browser always sends Origin, and a page on another site cannot change it: checking it
        // stops cross-site WebSocket hijacking, where that page rides on the user's cookies.
        // Clients outside a browser send none and can forge it anyway, so for them the token is the check.
        if (origin != null && !allowedOrigins.contains(origin)) {
            return Decision.reject(403, "Origin " + origin + " is not allowed");
        }
        if (token == null || token.isBlank()) {
            return Decision.reject(401, "Missing token: connect to /chat?token=<token>");
        }
        Optional<String> user = tokens.verify(token);
        if (user.isEmpty()) {
            return Decision.reject(401, "Invalid token");
        }
        return Decision.accept(user.get());
        // <<< step 1
    }

    /** Returns the {@code token} parameter of a request target such as {@code /chat?token=abc}, or null. */
    public static String tokenParameter(String requestTarget) {
        int query = requestTarget.indexOf('?');
        if (query < 0) {
            return null;
        }
        for (String pair : requestTarget.substring(query + 1).split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            if (name.equals("token")) {
                return equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** Returns the path of a request target, without its query. */
    public static String path(String requestTarget) {
        int query = requestTarget.indexOf('?');
        return query < 0 ? requestTarget : requestTarget.substring(0, query);
    }
}
