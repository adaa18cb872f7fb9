package dev.berth.planner.execute;

/**
 * Receives the executor's progress (the CLI renders it: tty, plain, json). Called from the executor's
 * threads, one event at a time.
 */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = e -> { };

    void onEvent(ProgressEvent event);
}
