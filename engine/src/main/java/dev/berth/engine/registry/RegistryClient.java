package dev.berth.engine.registry;

import dev.berth.engine.image.BlobNotFoundException;
import dev.berth.engine.image.Descriptor;
import dev.berth.engine.image.Digest;
import dev.berth.engine.image.DigestMismatchException;
import dev.berth.engine.image.ImageReference;
import dev.berth.engine.image.MediaTypes;
import dev.berth.engine.image.store.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A client for one registry's OCI distribution API v2: manifests and blobs, pulled into and
 * pushed from a {@link BlobStore}. Blobs move concurrently (a bounded pool), verified by digest
 * and size, resumed with HTTP ranges after a dropped connection. Thread-safe; close it when done.
 *
 * <pre>{@code
 * try (RegistryClient registry = RegistryClient.builder("127.0.0.1:5000").build()) {
 *     PulledImage image = registry.pull(ImageReference.parse("127.0.0.1:5000/app:1"), blobs, listener);
 * }
 * }</pre>
 */
public final class RegistryClient implements AutoCloseable {

    private static final String ACCEPT = String.join(", ", MediaTypes.OCI_INDEX, MediaTypes.DOCKER_MANIFEST_LIST,
            MediaTypes.OCI_MANIFEST, MediaTypes.DOCKER_MANIFEST);
    /** containerd's limit: a manifest is small, a registry sending more is broken or hostile. */
    private static final int MAX_MANIFEST_BYTES = 4 << 20;
    private static final int MAX_INDEX_DEPTH = 3;

    private final RegistryHttp http;
    private final int concurrency;
    private final Descriptor.Platform platform;
    private final BlobDownloader downloader;
    private final BlobUploader uploader;

    private RegistryClient(Builder b) {
        this.http = new RegistryHttp(RegistryEndpoint.of(b.registry, b.insecureRegistries), b.credentials, b.connectTimeout);
        this.concurrency = b.concurrency;
        this.platform = b.platform;
        this.downloader = new BlobDownloader(http, b.maxRetries, b.retryBackoff);
        this.uploader = new BlobUploader(http, b.maxRetries, b.retryBackoff);
    }

    /** A client for {@code registry} ({@code docker.io}, {@code 127.0.0.1:5000}, {@code ghcr.io}). */
    public static Builder builder(String registry) {
        return new Builder(registry);
    }

    public RegistryEndpoint endpoint() {
        return http.endpoint();
    }

    /** Pings {@code /v2/}; returns the auth challenge the registry sent, or null when it needs none. */
    public AuthChallenge ping() throws IOException {
        http.auth().ensureChallengeKnown();
        return http.auth().challenge();
    }

    /** Checks the client's credentials against the registry, for {@code berth login} (which then saves them). */
    public void verifyCredentials() throws IOException {
        http.auth().verifyCredentials();
    }

    /**
     * Fetches a manifest or index by tag or digest, verified: the {@code Docker-Content-Digest} the
     * registry sends must match the bytes, and so must the digest asked for.
     */
    public FetchedManifest fetchManifest(String repository, String tagOrDigest) throws IOException {
        String what = "manifest for " + http.endpoint().registry() + "/" + repository
                + (tagOrDigest.contains(":") ? "@" : ":") + tagOrDigest;
        HttpResponse<InputStream> response = http.send(
                RegistryHttp.Request.get(http.uri(repository + "/manifests/" + tagOrDigest)).with("Accept", ACCEPT),
                pullScope(repository), what);
        if (response.statusCode() == 404) {
            RegistryHttp.discard(response);
            throw new ManifestNotFoundException(http.endpoint().registry() + "/" + repository, tagOrDigest);
        }
        if (response.statusCode() != 200) throw http.unexpected(response, what);
        byte[] bytes = RegistryHttp.body(response, MAX_MANIFEST_BYTES);
        Digest actual = Digest.sha256(bytes);
        String header = response.headers().firstValue("Docker-Content-Digest").orElse(null);
        if (header != null && header.startsWith("sha256:") && !Digest.parse(header).equals(actual)) {
            throw new DigestMismatchException(what + " (Docker-Content-Digest)", Digest.parse(header), actual);
        }
        if (tagOrDigest.contains(":") && !Digest.parse(tagOrDigest).equals(actual)) {
            throw new DigestMismatchException(what, Digest.parse(tagOrDigest), actual);
        }
        String mediaType = ManifestJson.mediaType(bytes, response.headers().firstValue("Content-Type").orElse(null), what);
        if (!MediaTypes.INDEXES.contains(mediaType) && !MediaTypes.MANIFESTS.contains(mediaType)) {
            throw new UnsupportedMediaTypeException(what, mediaType, ManifestJson.SUPPORTED_MANIFESTS);
        }
        return new FetchedManifest(bytes, mediaType, actual);
    }

    /**
     * Pulls an image: resolves an index to this client's platform (linux/amd64 by default),
     * downloads config and layers that {@code blobs} lacks, concurrently, and stores the manifest.
     * Nothing unverified is stored.
     */
    public PulledImage pull(ImageReference reference, BlobStore blobs, ProgressListener listener) throws IOException {
        requireThisRegistry(reference);
        String repository = reference.repository();
        FetchedManifest manifest = fetchManifest(repository,
                reference.digest() != null ? reference.digest().toString() : reference.tag());
        FetchedManifest index = null;
        for (int depth = 0; MediaTypes.INDEXES.contains(manifest.mediaType()); depth++) {
            if (depth == MAX_INDEX_DEPTH) throw new RegistryException(reference + ": indexes nested too deep");
            if (index == null) index = manifest;
            Descriptor chosen = choosePlatform(reference, manifest);
            manifest = fetchManifest(repository, chosen.digest().toString());
        }
        ManifestJson.ImageManifest image = ManifestJson.manifest(manifest.bytes(), "manifest of " + reference);
        checkPullable(reference, image);
        Map<Digest, Descriptor> unique = new LinkedHashMap<>();
        unique.put(image.config().digest(), image.config());
        image.layers().forEach(l -> unique.putIfAbsent(l.digest(), l));
        forEachConcurrently(List.copyOf(unique.values()),
                blob -> downloader.download(repository, blob, blobs, listener));
        blobs.put(manifest.bytes());
        return new PulledImage(reference, manifest, index, image.config(), image.layers());
    }

    public PulledImage pull(ImageReference reference, BlobStore blobs) throws IOException {
        return pull(reference, blobs, ProgressListener.NONE);
    }

    /**
     * Pushes the blobs a manifest names (skipping those the registry has), then the manifest under
     * the target's tag (or digest). An index is pushed with its platform manifests, which must be
     * in {@code blobs}. Returns the manifest's digest.
     *
     * @param mountFrom a repository on the same registry that may hold the blobs already (a
     *                  cross-repository mount saves the upload), or null
     */
    public Digest push(ImageReference target, byte[] manifest, String mediaType, BlobStore blobs, String mountFrom,
                       ProgressListener listener) throws IOException {
        requireThisRegistry(target);
        String repository = target.repository();
        Digest digest = Digest.sha256(manifest);
        if (target.digest() != null && !target.digest().equals(digest)) {
            throw new DigestMismatchException("manifest to push as " + target, target.digest(), digest);
        }
        if (MediaTypes.INDEXES.contains(mediaType)) {
            for (Descriptor child : ManifestJson.indexEntries(manifest, "index for " + target)) {
                byte[] bytes;
                try (InputStream in = blobs.open(child.digest())) {
                    bytes = in.readAllBytes();
                }
                push(new ImageReference(target.registry(), repository, null, child.digest()), bytes,
                        child.mediaType(), blobs, mountFrom, listener);
            }
        } else if (MediaTypes.MANIFESTS.contains(mediaType)) {
            ManifestJson.ImageManifest image = ManifestJson.manifest(manifest, "manifest for " + target);
            Map<Digest, Descriptor> unique = new LinkedHashMap<>();
            unique.put(image.config().digest(), image.config());
            image.layers().forEach(l -> unique.putIfAbsent(l.digest(), l));
            for (Digest d : unique.keySet()) {
                if (!blobs.has(d)) throw new BlobNotFoundException(d); // before anything is sent
            }
            forEachConcurrently(List.copyOf(unique.values()),
                    blob -> uploader.upload(repository, blob, blobs, mountFrom, listener));
        } else {
            throw new UnsupportedMediaTypeException("manifest for " + target, mediaType, ManifestJson.SUPPORTED_MANIFESTS);
        }
        String ref = target.tag() != null ? target.tag() : digest.toString();
        String what = "manifest " + target.name() + ":" + ref;
        HttpResponse<InputStream> response = http.send(new RegistryHttp.Request("PUT",
                http.uri(repository + "/manifests/" + ref), Map.of("Content-Type", mediaType),
                () -> HttpRequest.BodyPublishers.ofByteArray(manifest)), pushScope(repository), what);
        if (response.statusCode() != 201) throw http.unexpected(response, "push of " + what);
        RegistryHttp.discard(response);
        String header = response.headers().firstValue("Docker-Content-Digest").orElse(null);
        if (header != null && !Digest.parse(header).equals(digest)) {
            throw new DigestMismatchException("pushed " + what, digest, Digest.parse(header));
        }
        return digest;
    }

    public Digest push(ImageReference target, byte[] manifest, String mediaType, BlobStore blobs) throws IOException {
        return push(target, manifest, mediaType, blobs, null, ProgressListener.NONE);
    }

    private Descriptor choosePlatform(ImageReference reference, FetchedManifest index) {
        List<String> available = new ArrayList<>();
        for (Descriptor d : ManifestJson.indexEntries(index.bytes(), "index of " + reference)) {
            Descriptor.Platform p = d.platform();
            if (p == null) continue;
            if (p.os().equals(platform.os()) && p.architecture().equals(platform.architecture())
                    && (platform.variant() == null || platform.variant().equals(p.variant()))
                    && (MediaTypes.MANIFESTS.contains(d.mediaType()) || MediaTypes.INDEXES.contains(d.mediaType()))) {
                return d;
            }
            if (!p.os().equals("unknown")) available.add(p.toString()); // "unknown/unknown": buildx attestations
        }
        throw new PlatformNotFoundException(reference.toString(), platform.toString(), available);
    }

    private static void checkPullable(ImageReference reference, ManifestJson.ImageManifest image) {
        if (!MediaTypes.CONFIGS.contains(image.config().mediaType())) {
            throw new UnsupportedMediaTypeException("config of " + reference, image.config().mediaType(),
                    String.join(", ", MediaTypes.CONFIGS) + " (is this an artifact rather than an image?)");
        }
        for (Descriptor layer : image.layers()) {
            if (!MediaTypes.isLayer(layer.mediaType()) && !MediaTypes.OCI_LAYER_ZSTD.equals(layer.mediaType())) {
                throw new UnsupportedMediaTypeException("layer " + layer.digest() + " of " + reference, layer.mediaType(),
                        "gzip, zstd or uncompressed OCI and Docker layers");
            }
        }
        List<Descriptor> all = new ArrayList<>(image.layers());
        all.add(image.config());
        for (Descriptor d : all) {
            if (d.size() < 0) throw new RegistryException("manifest of " + reference + " gives blob " + d.digest() + " no size");
        }
    }

    private void requireThisRegistry(ImageReference reference) {
        if (!reference.registry().equals(http.endpoint().registry())) {
            throw new IllegalArgumentException(reference + " is not on registry " + http.endpoint().registry());
        }
    }

    @FunctionalInterface
    private interface BlobTask {
        void run(Descriptor blob) throws IOException;
    }

    /** Runs the task for each blob on at most {@code concurrency} threads; the first failure cancels the rest. */
    private void forEachConcurrently(List<Descriptor> blobs, BlobTask task) throws IOException {
        try (ExecutorService pool = Executors.newFixedThreadPool(concurrency,
                Thread.ofVirtual().name("berth-blob-", 0).factory())) {
            List<Future<?>> futures = new ArrayList<>();
            for (Descriptor blob : blobs) {
                futures.add(pool.submit(() -> {
                    try {
                        task.run(blob);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return null;
                }));
            }
            try {
                for (Future<?> f : futures) f.get();
            } catch (ExecutionException e) {
                pool.shutdownNow();
                Throwable cause = e.getCause();
                if (cause instanceof UncheckedIOException u) throw u.getCause();
                if (cause instanceof RuntimeException r) throw r;
                if (cause instanceof Error err) throw err;
                throw new IOException(cause);
            } catch (InterruptedException e) {
                pool.shutdownNow();
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while transferring blobs");
            }
        }
    }

    static String pullScope(String repository) {
        return "repository:" + repository + ":pull";
    }

    static String pushScope(String repository) {
        return "repository:" + repository + ":pull,push";
    }

    @Override
    public void close() {
        http.close();
    }

    /** Settings for a {@link RegistryClient}; the defaults follow Docker's. */
    public static final class Builder {
        private final String registry;
        private Credentials credentials;
        private Set<String> insecureRegistries = Set.of();
        private int concurrency = 3;
        private int maxRetries = 5;
        private Duration retryBackoff = Duration.ofMillis(500);
        private Duration connectTimeout = Duration.ofSeconds(15);
        private Descriptor.Platform platform = Descriptor.Platform.LINUX_AMD64;

        private Builder(String registry) {
            this.registry = registry;
        }

        /** Credentials for Basic auth or for the token endpoint; none means anonymous. */
        public Builder credentials(Credentials credentials) {
            this.credentials = credentials;
            return this;
        }

        /** Registries ({@code host:port} or {@code host}) spoken to over plain HTTP besides loopback. */
        public Builder insecureRegistries(Set<String> registries) {
            this.insecureRegistries = Set.copyOf(registries);
            return this;
        }

        /** How many blobs move at once (Docker's default is 3). */
        public Builder concurrency(int blobs) {
            if (blobs < 1) throw new IllegalArgumentException("concurrency must be at least 1");
            this.concurrency = blobs;
            return this;
        }

        /** How often a broken blob transfer is tried again (downloads resume), and the first wait (doubling each time). */
        public Builder retries(int maxRetries, Duration backoff) {
            this.maxRetries = maxRetries;
            this.retryBackoff = backoff;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        /** The platform to choose from an index; linux/amd64 by default. */
        public Builder platform(Descriptor.Platform platform) {
            this.platform = platform;
            return this;
        }

        public RegistryClient build() {
            return new RegistryClient(this);
        }
    }
}
