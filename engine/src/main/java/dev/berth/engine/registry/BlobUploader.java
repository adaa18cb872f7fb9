package dev.berth.engine.registry;

import dev.berth.engine.image.BlobNotFoundException;
import dev.berth.engine.image.Descriptor;
import dev.berth.engine.image.store.BlobStore;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Flow;

/**
 * Uploads one blob: {@code HEAD} to skip one the registry has, a cross-repository mount when a
 * source repository is known, else {@code POST} to open an upload and one monolithic {@code PUT}
 * with the digest to finish it.
 */
final class BlobUploader {

    private static final long PROGRESS_STEP = 1 << 20;

    private final RegistryHttp http;

    private final int maxRetries;
    private final Duration backoff;

    BlobUploader(RegistryHttp http, int maxRetries, Duration backoff) {
        this.http = http;
        this.maxRetries = maxRetries;
        this.backoff = backoff;
    }

    void upload(String repository, Descriptor blob, BlobStore store, String mountFrom, ProgressListener listener)
            throws IOException {
        String scope = RegistryClient.pushScope(repository);
        String what = "blob " + blob.digest() + " to " + repository;
        if (!store.has(blob.digest())) throw new BlobNotFoundException(blob.digest());
        if (exists(repository, blob, scope, what)) {
            listener.onEvent(new ProgressEvent.BlobSkipped(blob.digest(), blob.size()));
            return;
        }
        listener.onEvent(new ProgressEvent.BlobStarted(blob.digest(), blob.size()));
        for (int attempt = 1; ; attempt++) {
            try {
                transfer(repository, blob, store, mountFrom, scope, what, listener);
                return;
            } catch (IOException | RegistryUnreachableException e) {
                // a monolithic upload cannot resume: a new upload session sends the blob again
                if (e instanceof InterruptedIOException || Thread.currentThread().isInterrupted() || attempt > maxRetries) {
                    throw e;
                }
                listener.onEvent(new ProgressEvent.BlobRetrying(blob.digest(), attempt + 1, 0, String.valueOf(e)));
                try {
                    Thread.sleep(backoff.multipliedBy(1L << Math.min(attempt - 1, 5)));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting to retry");
                }
            }
        }
    }

    private void transfer(String repository, Descriptor blob, BlobStore store, String mountFrom, String scope,
                          String what, ProgressListener listener) throws IOException {
        String start = repository + "/blobs/uploads/";
        if (mountFrom != null && !mountFrom.equals(repository)) {
            start += "?mount=" + encode(blob.digest().toString()) + "&from=" + encode(mountFrom);
        }
        HttpResponse<InputStream> opened = http.send(new RegistryHttp.Request("POST", http.uri(start),
                java.util.Map.of(), null), scope, what);
        RegistryHttp.discard(opened);
        if (opened.statusCode() == 201) { // mounted from the other repository: no bytes to send
            listener.onEvent(new ProgressEvent.BlobDone(blob.digest(), blob.size()));
            return;
        }
        if (opened.statusCode() != 202) throw http.unexpected(opened, what);
        URI location = opened.uri().resolve(opened.headers().firstValue("Location")
                .orElseThrow(() -> new RegistryException(what + ": registry opened an upload without a Location")));
        String sep = location.getRawQuery() == null ? "?" : "&";
        URI put = URI.create(location + sep + "digest=" + encode(blob.digest().toString()));
        Path file = store.path(blob.digest());
        long size = Files.size(file);
        HttpResponse<InputStream> done = http.send(new RegistryHttp.Request("PUT", put,
                java.util.Map.of("Content-Type", "application/octet-stream"),
                () -> counting(file, size, blob, listener)), scope, what);
        RegistryHttp.discard(done);
        if (done.statusCode() != 201) throw http.unexpected(done, what);
        listener.onEvent(new ProgressEvent.BlobDone(blob.digest(), size));
    }

    private boolean exists(String repository, Descriptor blob, String scope, String what) throws IOException {
        HttpResponse<InputStream> head = http.send(new RegistryHttp.Request("HEAD",
                http.uri(repository + "/blobs/" + blob.digest()), java.util.Map.of(), null), scope, what);
        RegistryHttp.discard(head);
        if (head.statusCode() == 200) return true;
        if (head.statusCode() == 404) return false;
        throw http.unexpected(head, what);
    }

    /** The file as a request body, reporting bytes as the HTTP client takes them. */
    private static HttpRequest.BodyPublisher counting(Path file, long size, Descriptor blob, ProgressListener listener) {
        HttpRequest.BodyPublisher delegate;
        try {
            delegate = HttpRequest.BodyPublishers.ofFile(file);
        } catch (FileNotFoundException e) {
            throw new BlobNotFoundException(blob.digest());
        }
        return new HttpRequest.BodyPublisher() {
            @Override
            public long contentLength() {
                return size;
            }

            @Override
            public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
                delegate.subscribe(new Flow.Subscriber<>() {
                    private long sent;
                    private long reported;

                    @Override
                    public void onSubscribe(Flow.Subscription subscription) {
                        subscriber.onSubscribe(subscription);
                    }

                    @Override
                    public void onNext(ByteBuffer item) {
                        sent += item.remaining();
                        if (sent - reported >= PROGRESS_STEP || sent == size) {
                            listener.onEvent(new ProgressEvent.BlobProgress(blob.digest(), sent, size));
                            reported = sent;
                        }
                        subscriber.onNext(item);
                    }

                    @Override
                    public void onError(Throwable t) {
                        subscriber.onError(t);
                    }

                    @Override
                    public void onComplete() {
                        subscriber.onComplete();
                    }
                });
            }
        };
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
