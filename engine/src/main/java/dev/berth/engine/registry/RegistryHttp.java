package dev.berth.engine.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;

/**
 * HTTP to one registry: sends a request with the authorization its scope needs, answers one 401
 * challenge by authenticating and sending again, follows redirects (dropping the credentials
 * when they lead to another host, as blob storage redirects do), and turns network failures into
 * errors that name the host.
 */
final class RegistryHttp implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_REDIRECTS = 5;

    /** One request; the body supplier is called again for each send (after a challenge or a redirect). */
    record Request(String method, URI uri, Map<String, String> headers, Supplier<HttpRequest.BodyPublisher> body) {

        static Request get(URI uri) {
            return new Request("GET", uri, Map.of(), null);
        }

        Request with(String header, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(header, value);
            return new Request(method, uri, h, body);
        }
    }

    private final RegistryEndpoint endpoint;
    private final HttpClient client;
    private final RegistryAuth auth;

    RegistryHttp(RegistryEndpoint endpoint, Credentials credentials, Duration connectTimeout) {
        this.endpoint = endpoint;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.auth = new RegistryAuth(this, endpoint.registry(), credentials);
    }

    RegistryEndpoint endpoint() {
        return endpoint;
    }

    RegistryAuth auth() {
        return auth;
    }

    URI uri(String pathUnderV2) {
        return endpoint.base().resolve(pathUnderV2);
    }

    /**
     * Sends with authorization for {@code scope} (null: none needed beyond the registry's). A 401 is
     * answered once; a second one is {@link RegistryUnauthorizedException}.
     */
    HttpResponse<InputStream> send(Request request, String scope, String what) throws IOException {
        auth.ensureChallengeKnown();
        for (int attempt = 0; ; attempt++) {
            String authorization = auth.authorization(scope);
            Request r = authorization == null ? request : request.with("Authorization", authorization);
            HttpResponse<InputStream> response = exchange(r);
            if (response.statusCode() != 401) return response;
            discard(response);
            String challenge = response.headers().firstValue("WWW-Authenticate").orElse(null);
            if (attempt > 0 || challenge == null) throw auth.unauthorized(what);
            auth.challenged(AuthChallenge.parse(challenge), scope);
        }
    }

    /** Sends without adding authorization, following redirects. */
    HttpResponse<InputStream> exchange(Request request) throws IOException {
        Request r = request;
        for (int hop = 0; ; hop++) {
            HttpResponse<InputStream> response = sendOnce(r);
            int status = response.statusCode();
            boolean redirect = status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
            if (!redirect || hop == MAX_REDIRECTS || response.headers().firstValue("Location").isEmpty()) return response;
            discard(response);
            URI next = r.uri().resolve(response.headers().firstValue("Location").get());
            Map<String, String> headers = new LinkedHashMap<>(r.headers());
            if (!Objects.equals(next.getAuthority(), r.uri().getAuthority())) headers.remove("Authorization");
            String method = status == 303 ? "GET" : r.method();
            r = new Request(method, next, headers, status == 303 ? null : r.body());
        }
    }

    private HttpResponse<InputStream> sendOnce(Request r) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(r.uri())
                .method(r.method(), r.body() == null ? HttpRequest.BodyPublishers.noBody() : r.body().get());
        r.headers().forEach(b::header);
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while talking to " + r.uri().getAuthority());
        } catch (HttpConnectTimeoutException e) {
            throw unreachable(r.uri(), "connection timed out", e);
        } catch (ConnectException e) {
            String why = e.getCause() instanceof UnresolvedAddressException
                    ? "unknown host" : e.getMessage() == null ? "connection refused" : e.getMessage();
            throw unreachable(r.uri(), why, e);
        } catch (SSLException e) {
            throw new RegistryTlsException(hostPort(r.uri()), e.getMessage(), e);
        } catch (IOException e) {
            if (e.getCause() instanceof SSLException ssl) {
                throw new RegistryTlsException(hostPort(r.uri()), ssl.getMessage(), e);
            }
            throw e;
        }
    }

    private static RegistryUnreachableException unreachable(URI uri, String why, Throwable cause) {
        return new RegistryUnreachableException(hostPort(uri), why, cause);
    }

    private static String hostPort(URI uri) {
        return uri.getHost() + ":" + port(uri); // getHost keeps IPv6 brackets
    }

    private static int port(URI uri) {
        return uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    }

    static void discard(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            in.skip(1 << 16); // lets the connection be reused when the body is small
        } catch (IOException ignored) {
            // the body is of no use; a broken one does not matter
        }
    }

    /** Reads a small body (manifests, errors, tokens), refusing more than {@code limit} bytes. */
    static byte[] body(HttpResponse<InputStream> response, int limit) throws IOException {
        try (InputStream in = response.body()) {
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) throw new RegistryException("response from " + response.uri().getAuthority()
                    + " is larger than " + limit + " bytes; refusing it");
            return bytes;
        }
    }

    /** A registry error for an unexpected status, with the codes and messages of its JSON error body. */
    RegistryException unexpected(HttpResponse<InputStream> response, String what) {
        String detail = "";
        try {
            byte[] bytes = body(response, 1 << 16);
            JsonNode errors = JSON.readTree(bytes).path("errors");
            StringBuilder sb = new StringBuilder();
            for (JsonNode e : errors) {
                if (!sb.isEmpty()) sb.append("; ");
                sb.append(e.path("code").asText()).append(": ").append(e.path("message").asText());
            }
            detail = sb.isEmpty() ? new String(bytes, 0, Math.min(bytes.length, 200)).strip() : sb.toString();
        } catch (IOException | RuntimeException e) {
            // no readable body: the status alone has to do
        }
        return new RegistryException(what + ": registry " + endpoint.registry() + " answered HTTP "
                + response.statusCode() + (detail.isEmpty() ? "" : " (" + detail + ")"));
    }

    @Override
    public void close() {
        client.close();
    }
}
