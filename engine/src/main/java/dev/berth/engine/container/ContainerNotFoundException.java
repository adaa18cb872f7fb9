package dev.berth.engine.container;

/** No container by that ID, ID prefix or name. */
public class ContainerNotFoundException extends RuntimeException {

    public ContainerNotFoundException(String reference) {
        super("No such container: " + reference);
    }
}
