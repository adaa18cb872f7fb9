package dev.berth.engine.registry;

import dev.berth.engine.image.Descriptor;
import dev.berth.engine.image.DigestMismatchException;
import dev.berth.engine.image.store.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Downloads one blob into a {@link BlobStore} ingest. A connection that drops mid-blob is retried
 * with back-off, asking only for the missing bytes ({@code Range: bytes=N-}); the store verifies
 * digest and size before the blob becomes visible.
 */
final class BlobDownloader {

    private static final int BUFFER = 1 << 17;
    private static final long PROGRESS_STEP = 1 << 20;

    private final RegistryHttp http;
    private final int maxRetries;
    private final Duration backoff;

    BlobDownloader(RegistryHttp http, int maxRetries, Duration backoff) {
        this.http = http;
        this.maxRetries = maxRetries;
        this.backoff = backoff;
    }

    void download(String repository, Descriptor blob, BlobStore store, ProgressListener listener) throws IOException {
        if (store.has(blob.digest())) {
            listener.onEvent(new ProgressEvent.BlobSkipped(blob.digest(), blob.size()));
            return;
        }
        listener.onEvent(new ProgressEvent.BlobStarted(blob.digest(), blob.size()));
        String what = "blob " + blob.digest() + " of " + repository;
        for (int attempt = 1; ; attempt++) {
            long[] reached = {0};
            long resumedFrom = 0;
            try (BlobStore.Ingest ingest = store.ingest(blob.digest(), blob.size())) {
                resumedFrom = ingest.offset();
                reached[0] = resumedFrom;
                if (reached[0] < blob.size()) fetch(repository, blob, ingest, reached, what, listener);
                ingest.commit();
                listener.onEvent(new ProgressEvent.BlobDone(blob.digest(), blob.size()));
                return;
            } catch (DigestMismatchException e) {
                // bytes kept from an earlier, interrupted pull may be what was wrong: the store has
                // dropped them, so one fresh download from byte 0 settles it; a fresh mismatch is final
                if (resumedFrom == 0 || attempt > maxRetries) throw e;
                listener.onEvent(new ProgressEvent.BlobRetrying(blob.digest(), attempt + 1, 0, String.valueOf(e)));
            } catch (IOException | RegistryUnreachableException e) {
                if (e instanceof InterruptedIOException || Thread.currentThread().isInterrupted() || attempt > maxRetries) {
                    throw e;
                }
                listener.onEvent(new ProgressEvent.BlobRetrying(blob.digest(), attempt + 1, reached[0], String.valueOf(e)));
                sleep(backoff.multipliedBy(1L << Math.min(attempt - 1, 5)));
            }
        }
    }

    /** Writes the bytes from {@code reached[0]} on into the ingest, moving {@code reached[0]} along. */
    private void fetch(String repository, Descriptor blob, BlobStore.Ingest ingest, long[] reached, String what,
                       ProgressListener listener) throws IOException {
        long offset = reached[0];
        RegistryHttp.Request request = RegistryHttp.Request.get(http.uri(repository + "/blobs/" + blob.digest()));
        if (offset > 0) request = request.with("Range", "bytes=" + offset + "-");
        HttpResponse<InputStream> response = http.send(request, RegistryClient.pullScope(repository), what);
        int status = response.statusCode();
        if (status == 404) {
            RegistryHttp.discard(response);
            throw new RegistryException(what + " is not in the registry (blob unknown): the image there is incomplete");
        }
        if (status != 200 && status != 206) throw http.unexpected(response, what);
        try (InputStream in = response.body()) {
            if (status == 200 && offset > 0) {
                in.skipNBytes(offset); // the registry ignored the range: drop what we have already
            } else if (status == 206) {
                long start = rangeStart(response.headers().firstValue("Content-Range").orElse(""));
                if (start != offset) {
                    throw new RegistryException(what + ": asked for bytes from " + offset + ", registry sent them from " + start);
                }
            }
            OutputStream out = ingest.output();
            byte[] buffer = new byte[BUFFER];
            long done = offset;
            long reported = offset;
            long remaining = blob.size() - offset;
            while (remaining > 0) {
                int n;
                try {
                    n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                } catch (IOException e) {
                    throw new IOException("connection dropped at byte " + done + " of " + blob.size() + ": " + e.getMessage(), e);
                }
                if (n < 0) break; // short: the ingest's size check reports it
                out.write(buffer, 0, n);
                done += n;
                reached[0] = done;
                remaining -= n;
                if (done - reported >= PROGRESS_STEP || remaining == 0) {
                    listener.onEvent(new ProgressEvent.BlobProgress(blob.digest(), done, blob.size()));
                    reported = done;
                }
            }
        }
    }

    private static long rangeStart(String contentRange) {
        // "bytes 100-199/200"
        try {
            String s = contentRange.strip();
            return Long.parseLong(s.substring(s.indexOf(' ') + 1, s.indexOf('-')));
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static void sleep(Duration d) throws InterruptedIOException {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry");
        }
    }
}
