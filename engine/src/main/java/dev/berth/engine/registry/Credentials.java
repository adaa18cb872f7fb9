package dev.berth.engine.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A user name and password (or token) for one registry. {@link #toString()} never shows the secret. */
public record Credentials(String username, String password) {

    public Credentials {
        if (username == null || username.isEmpty()) throw new IllegalArgumentException("user name must not be empty");
        if (username.contains(":")) throw new IllegalArgumentException("user name must not contain ':'");
        if (password == null) throw new IllegalArgumentException("password must not be null");
    }

    /** {@code base64(user:password)}, as HTTP Basic and Docker's config file write it. */
    public String basicToken() {
        return Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static Credentials fromBasicToken(String token) {
        String decoded = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        if (colon < 0) throw new IllegalArgumentException("auth entry is not base64(user:password)");
        return new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=***]";
    }
}
