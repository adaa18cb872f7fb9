package dev.berth.engine.registry;

/** Receives progress events; called from several download threads at once, so it must be thread-safe. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = event -> {
    };

    void onEvent(ProgressEvent event);
}
