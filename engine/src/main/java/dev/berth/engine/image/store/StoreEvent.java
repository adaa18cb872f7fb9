package dev.berth.engine.image.store;

import dev.berth.engine.image.Digest;
import java.time.Duration;

/** Progress of the image store, for the CLI to render (the store itself never prints). */
public sealed interface StoreEvent {

    /** A layer was unpacked: {@code bytes} of unpacked content in {@code took}. */
    record LayerUnpacked(Digest diffId, Digest blob, long bytes, Duration took) implements StoreEvent {
    }

    /** A layer was there already (shared with another image) and was not unpacked again. */
    record LayerReused(Digest diffId) implements StoreEvent {
    }

    record ImageAdded(Digest id, Digest manifest) implements StoreEvent {
    }

    record ImageDeleted(Digest id) implements StoreEvent {
    }
}
