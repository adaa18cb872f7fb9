package dev.berth.engine.runtime.shim;

/** berth-shim could not be found, started or understood; the message says which and what to do. */
public class ShimException extends RuntimeException {
    public ShimException(String message) {
        super(message);
    }

    public ShimException(String message, Throwable cause) {
        super(message, cause);
    }
}
