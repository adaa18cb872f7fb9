package dev.berth.engine.image.layer;

import dev.berth.engine.image.Digest;
import java.time.Duration;

/** Event: a layer was unpacked (not sent when it was there already). */
public record LayerUnpacked(Digest diffId, long tarBytes, long entries, Duration elapsed) {

    /** Unpack speed in MB/s (10^6 bytes) of tar read. */
    public double megabytesPerSecond() {
        double seconds = Math.max(elapsed.toNanos(), 1) / 1e9;
        return tarBytes / 1e6 / seconds;
    }
}
