package dev.berth.engine.api;

/** berthd could not start a container's command: the message as the engine said it, and Docker's exit code (125/126/127). */
public final class RemoteStartException extends RuntimeException {

    private final int exitCode;

    public RemoteStartException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
