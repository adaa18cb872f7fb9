package dev.berth.engine.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test-only HTTP proxy (the JDK's HttpServer) in front of a real registry, to make the faults
 * and the auth a local registry cannot: a connection dropped mid-blob, a corrupted blob, blob
 * requests held until several run at once, and a Bearer token service (Docker Hub's flow).
 */
final class RegistryProxy implements AutoCloseable {

    /** One request the proxy saw. */
    record Seen(String method, String path, String range, String authorization) {
    }

    private static final Pattern BLOB = Pattern.compile("/v2/(.+)/blobs/(sha256:[a-f0-9]{64})");
    private static final Pattern REPO = Pattern.compile("/v2/(.+)/(blobs|manifests|tags)/.*");
    private static final Set<String> HOP_HEADERS = Set.of("connection", "content-length", "transfer-encoding",
            "host", "keep-alive", "upgrade", "date", "expect");

    private final HttpServer server;
    private final URI upstream;
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());

    private volatile long dropAfter = -1;
    private final AtomicBoolean dropArmed = new AtomicBoolean();
    private volatile boolean corruptBlobs;
    private volatile String fakeManifestDigest;
    private volatile boolean tamperManifests;
    private volatile String redirectBlobsTo;
    private final AtomicBoolean dropUploadArmed = new AtomicBoolean();
    private volatile CountDownLatch holdUntil;
    private final AtomicInteger blobsInFlight = new AtomicInteger();
    private final AtomicInteger maxBlobsInFlight = new AtomicInteger();

    // Bearer token service
    private volatile boolean bearer;
    private volatile String tokenUser;
    private volatile String tokenPassword;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final List<String> tokenRequests = Collections.synchronizedList(new ArrayList<>());

    RegistryProxy(String upstreamAddress) throws IOException {
        this.upstream = URI.create("http://" + upstreamAddress);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/token", this::token);
        server.createContext("/", this::forward);
        server.start();
    }

    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    List<Seen> seen() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    /** The first full blob response is cut off after {@code bytes} bytes, the connection dropped. */
    void dropFirstBlobAfter(long bytes) {
        dropAfter = bytes;
        dropArmed.set(true);
    }

    /** Every blob's first byte is flipped. */
    void corruptBlobs() {
        corruptBlobs = true;
    }

    /** Manifests are sent with this (wrong) {@code Docker-Content-Digest}. */
    void fakeManifestDigest(String digest) {
        fakeManifestDigest = digest;
    }

    /** Manifests get a byte appended (and no digest header), as a registry serving the wrong content would. */
    void tamperManifests() {
        tamperManifests = true;
    }

    /** The first blob upload (PUT) is cut off after a few bytes of its body, the connection dropped. */
    void dropFirstUpload() {
        dropUploadArmed.set(true);
    }

    /** Blob GETs are answered with a 307 to the same path on {@code address}, as registries send them to storage. */
    void redirectBlobsTo(String address) {
        redirectBlobsTo = address;
    }

    /** Holds blob GETs until {@code n} are in flight at once (or 20 s pass), to observe concurrency. */
    void holdBlobsUntilConcurrent(int n) {
        holdUntil = new CountDownLatch(n);
    }

    int maxBlobsInFlight() {
        return maxBlobsInFlight.get();
    }

    /** Demands Bearer tokens from this proxy's {@code /token} (which wants these credentials, or none when null). */
    void requireBearer(String user, String password) {
        tokenUser = user;
        tokenPassword = password;
        bearer = true;
    }

    List<String> tokenRequests() {
        synchronized (tokenRequests) {
            return List.copyOf(tokenRequests);
        }
    }

    private void token(HttpExchange ex) throws IOException {
        try (ex) {
            String query = ex.getRequestURI().getRawQuery() == null ? "" : ex.getRequestURI().getRawQuery();
            tokenRequests.add(query);
            if (tokenUser != null) {
                String expected = "Basic " + Base64.getEncoder().encodeToString(
                        (tokenUser + ":" + tokenPassword).getBytes(StandardCharsets.UTF_8));
                if (!expected.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                    respond(ex, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"bad credentials\"}]}");
                    return;
                }
            }
            String scope = "";
            for (String kv : query.split("&")) {
                if (kv.startsWith("scope=")) scope = java.net.URLDecoder.decode(kv.substring(6), StandardCharsets.UTF_8);
            }
            String token = "tok" + tokens.size() + "-" + Integer.toHexString(scope.hashCode());
            tokens.put(token, scope);
            respond(ex, 200, "{\"token\":\"" + token + "\",\"expires_in\":300}");
        }
    }

    /** Whether the request carries a token whose scope allows it; null when it does, else the scope it needs. */
    private String missingScope(HttpExchange ex) {
        String path = ex.getRequestURI().getPath();
        Matcher m = REPO.matcher(path);
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        String granted = auth != null && auth.startsWith("Bearer ") ? tokens.get(auth.substring(7)) : null;
        if (!m.matches()) return granted != null ? null : "";
        boolean write = !Set.of("GET", "HEAD").contains(ex.getRequestMethod());
        String needed = "repository:" + m.group(1) + ":" + (write ? "pull,push" : "pull");
        if (granted != null && granted.startsWith("repository:" + m.group(1) + ":")
                && (!write || granted.endsWith("push"))) {
            return null;
        }
        return needed;
    }

    private void forward(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        seen.add(new Seen(ex.getRequestMethod(), path, ex.getRequestHeaders().getFirst("Range"),
                ex.getRequestHeaders().getFirst("Authorization")));
        if (bearer) {
            String needed = missingScope(ex);
            if (needed != null) {
                ex.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"http://" + address()
                        + "/token\",service=\"berth-test\"" + (needed.isEmpty() ? "" : ",scope=\"" + needed + "\""));
                respond(ex, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}");
                ex.close();
                return;
            }
        }
        if (ex.getRequestMethod().equals("PUT") && path.contains("/blobs/uploads/") && dropUploadArmed.compareAndSet(true, false)) {
            ex.getRequestBody().readNBytes(1000);
            throw new IOException("test proxy drops the upload connection");
        }
        boolean blobGet = ex.getRequestMethod().equals("GET") && BLOB.matcher(path).matches();
        if (blobGet && redirectBlobsTo != null) {
            ex.getResponseHeaders().set("Location", "http://" + redirectBlobsTo + path);
            ex.sendResponseHeaders(307, -1);
            ex.close();
            return;
        }
        if (blobGet) {
            int now = blobsInFlight.incrementAndGet();
            maxBlobsInFlight.accumulateAndGet(now, Math::max);
            CountDownLatch hold = holdUntil;
            if (hold != null) {
                hold.countDown();
                try {
                    hold.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        try {
            relay(ex, blobGet);
        } finally {
            if (blobGet) blobsInFlight.decrementAndGet();
        }
    }

    private void relay(HttpExchange ex, boolean blobGet) throws IOException {
        URI target = upstream.resolve(ex.getRequestURI().getRawPath()
                + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery()));
        byte[] body = ex.getRequestBody().readAllBytes();
        HttpRequest.Builder b = HttpRequest.newBuilder(target).method(ex.getRequestMethod(),
                body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        ex.getRequestHeaders().forEach((k, vs) -> {
            if (!HOP_HEADERS.contains(k.toLowerCase(Locale.ROOT)) && !k.equalsIgnoreCase("Authorization")) {
                vs.forEach(v -> b.header(k, v));
            }
        });
        HttpResponse<InputStream> r;
        try {
            r = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        r.headers().map().forEach((k, vs) -> {
            if (HOP_HEADERS.contains(k.toLowerCase(Locale.ROOT)) || k.equals(":status")) return;
            for (String v : vs) {
                if (k.equalsIgnoreCase("Location")) v = v.replace(upstream.getAuthority(), address());
                if (k.equalsIgnoreCase("Docker-Content-Digest") && fakeManifestDigest != null
                        && ex.getRequestURI().getPath().contains("/manifests/")) {
                    v = fakeManifestDigest;
                }
                ex.getResponseHeaders().add(k, v);
            }
        });
        long length = r.headers().firstValueAsLong("Content-Length").orElse(-1);
        boolean head = ex.getRequestMethod().equals("HEAD");
        if (tamperManifests && !head && ex.getRequestURI().getPath().contains("/manifests/") && r.statusCode() == 200) {
            byte[] tampered = (new String(r.body().readAllBytes(), StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().remove("Docker-Content-Digest");
            ex.sendResponseHeaders(200, tampered.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(tampered);
            }
            return;
        }
        ex.sendResponseHeaders(r.statusCode(), head || length == 0 ? -1 : length < 0 ? 0 : length);
        try (InputStream in = r.body(); OutputStream out = ex.getResponseBody()) {
            if (head) return;
            boolean drop = blobGet && r.statusCode() == 200 && length > dropAfter && dropAfter >= 0
                    && dropArmed.compareAndSet(true, false);
            byte[] buf = new byte[1 << 16];
            long sent = 0;
            boolean first = true;
            for (int n; (n = in.read(buf)) > 0; ) {
                if (blobGet && corruptBlobs && first) buf[0] ^= 0x55;
                first = false;
                if (drop && sent + n > dropAfter) {
                    out.write(buf, 0, (int) (dropAfter - sent));
                    out.flush();
                    // abandon the exchange mid-body: the server closes the connection
                    throw new IOException("test proxy drops the connection after " + dropAfter + " bytes");
                }
                out.write(buf, 0, n);
                sent += n;
            }
        }
    }

    private static void respond(HttpExchange ex, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        client.close();
    }
}
