package dev.berth.engine.container;

/** A name already taken, or an ID prefix that fits several containers. */
public class ContainerConflictException extends RuntimeException {

    public ContainerConflictException(String message) {
        super(message);
    }
}
