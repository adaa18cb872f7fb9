package dev.berth.engine.runtime.seccomp;

/** A seccomp profile cannot be read or compiled; the message names the field and what to change. */
public final class SeccompProfileException extends Exception {

    public SeccompProfileException(String message) {
        super(message);
    }

    public SeccompProfileException(String message, Throwable cause) {
        super(message, cause);
    }
}
