package realtime.websockets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed tokens of the form {@code user.signature}, where the signature is an HMAC-SHA256 of the
 * user name. A stand-in for the session cookie or OAuth token a real application checks: enough
 * to show where the check goes, with no expiry or revocation.
 */
public final class Tokens {

    private static final Pattern USER = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private final SecretKeySpec key;

    public Tokens(byte[] secret) {
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    /** Tokens signed with a fresh random secret, valid until this object is gone. */
    public static Tokens withRandomSecret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return new Tokens(secret);
    }

    /** Whether a name may be a user name: 1 to 32 letters, digits, '_' or '-'. */
    public static boolean isValidUser(String user) {
        return user != null && USER.matcher(user).matches();
    }

    public String issue(String user) {
        if (!isValidUser(user)) {
            throw new IllegalArgumentException("Invalid user name " + user + ": use 1 to 32 letters, digits, '_' or '-'");
        }
        return user + "." + sign(user);
    }

    /** Returns the user a token was issued to, or empty when the token is malformed or its signature does not match. */
    public Optional<String> verify(String token) {
        int dot = token == null ? -1 : token.lastIndexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String user = token.substring(0, dot);
        byte[] given = token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
        byte[] expected = sign(user).getBytes(StandardCharsets.US_ASCII);
        // Constant-time comparison, so the time taken does not reveal how much of a forged signature matched.
        if (!isValidUser(user) || !MessageDigest.isEqual(given, expected)) {
            return Optional.empty();
        }
        return Optional.of(user);
    }

    private String sign(String user) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] signature = mac.doFinal(user.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
        }
    }
}
