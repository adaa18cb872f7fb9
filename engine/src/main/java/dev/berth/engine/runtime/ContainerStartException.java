package dev.berth.engine.runtime;

import dev.berth.engine.container.Container;

/** A container whose command could not be started (not found, not executable, a setup step failed). */
public class ContainerStartException extends RuntimeException {

    private final int exitCode;

    public ContainerStartException(Container container, String why, int exitCode) {
        super("cannot start container " + container.name() + ": " + why);
        this.exitCode = exitCode;
    }

    /** Docker's codes: 125 setup failed, 126 not executable, 127 not found. */
    public int exitCode() {
        return exitCode;
    }
}
