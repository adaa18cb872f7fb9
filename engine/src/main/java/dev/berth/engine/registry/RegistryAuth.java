package dev.berth.engine.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authorization for one registry, as Docker does it: ping {@code /v2/} once to learn the challenge;
 * Basic sends the credentials on every request; Bearer trades them (or nothing, anonymously) for a
 * token at the challenge's realm, for {@code service} and {@code scope}, one token cached per scope
 * until it expires or the registry challenges it.
 */
final class RegistryAuth {

    private record Token(String value, Instant expires) {
    }

    private final RegistryHttp http;
    private final String registry;
    private final Credentials credentials;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private volatile AuthChallenge challenge;
    private volatile boolean pinged;

    RegistryAuth(RegistryHttp http, String registry, Credentials credentials) {
        this.http = http;
        this.registry = registry;
        this.credentials = credentials;
    }

    /** Pings {@code /v2/} the first time: 200 needs no auth, 401 tells how to authenticate. */
    synchronized void ensureChallengeKnown() throws IOException {
        if (pinged) return;
        HttpResponse<InputStream> response = http.exchange(RegistryHttp.Request.get(http.uri("")));
        RegistryHttp.discard(response);
        if (response.statusCode() == 401) {
            challenge = response.headers().firstValue("WWW-Authenticate").map(AuthChallenge::parse).orElse(null);
        } else if (response.statusCode() != 200) {
            throw new RegistryException(http.endpoint().hostPort() + " does not look like a registry: GET /v2/ answered HTTP "
                    + response.statusCode() + "; check the registry name");
        }
        pinged = true;
    }

    AuthChallenge challenge() {
        return challenge;
    }

    /** The Authorization header value for {@code scope}, or null when none is needed or possible. */
    String authorization(String scope) throws IOException {
        AuthChallenge c = challenge;
        if (c == null) return null;
        if (c.isBasic()) return credentials == null ? null : "Basic " + credentials.basicToken();
        if (!c.isBearer()) return null;
        String key = scope == null ? "" : scope;
        Token t = tokens.get(key);
        if (t == null || Instant.now().isAfter(t.expires())) {
            synchronized (this) { // one token request per scope, however many blobs start at once
                t = tokens.get(key);
                if (t == null || Instant.now().isAfter(t.expires())) {
                    t = fetchToken(c, scope);
                    tokens.put(key, t);
                }
            }
        }
        return "Bearer " + t.value();
    }

    /** The registry challenged a request: remember the (maybe new) challenge, drop the token it refused. */
    void challenged(AuthChallenge newChallenge, String scope) {
        challenge = newChallenge;
        tokens.remove(scope == null ? "" : scope);
    }

    RegistryUnauthorizedException unauthorized(String what) {
        return new RegistryUnauthorizedException(registry, credentials != null, what);
    }

    /** Checks the credentials: a token for no scope (Bearer) or {@code GET /v2/} with them (Basic). */
    void verifyCredentials() throws IOException {
        ensureChallengeKnown();
        AuthChallenge c = challenge;
        if (c == null) return;
        if (c.isBearer()) {
            fetchToken(c, null);
            return;
        }
        HttpResponse<InputStream> r = http.send(RegistryHttp.Request.get(http.uri("")), null, "login");
        RegistryHttp.discard(r);
        if (r.statusCode() != 200) throw http.unexpected(r, "login");
    }

    private Token fetchToken(AuthChallenge c, String scope) throws IOException {
        if (c.realm() == null) throw new RegistryException("registry " + registry + " asks for a bearer token but names no realm");
        StringBuilder query = new StringBuilder();
        if (c.service() != null) query.append("service=").append(encode(c.service()));
        if (scope != null) query.append(query.isEmpty() ? "" : "&").append("scope=").append(encode(scope));
        String realm = c.realm();
        URI uri = URI.create(realm + (query.isEmpty() ? "" : (realm.contains("?") ? "&" : "?") + query));
        RegistryHttp.Request request = RegistryHttp.Request.get(uri);
        if (credentials != null) request = request.with("Authorization", "Basic " + credentials.basicToken());
        HttpResponse<InputStream> response = http.exchange(request);
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            RegistryHttp.discard(response);
            throw unauthorized(scope == null ? "login" : scope);
        }
        if (response.statusCode() != 200) throw http.unexpected(response, "token for " + (scope == null ? "login" : scope));
        JsonNode json = ManifestJson.read(RegistryHttp.body(response, 1 << 20), "token response from " + uri.getAuthority());
        String token = json.path("token").asText(json.path("access_token").asText(""));
        if (token.isEmpty()) throw new RegistryException("token response from " + uri.getAuthority() + " has no token");
        // expires_in defaults to 60 s (the distribution token spec); renew a little early
        long seconds = Math.max(json.path("expires_in").asLong(60) - 10, 10);
        return new Token(token, Instant.now().plusSeconds(seconds));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
