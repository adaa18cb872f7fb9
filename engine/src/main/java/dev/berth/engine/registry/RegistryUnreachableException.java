package dev.berth.engine.registry;

/** Nothing answers at the registry's address: connection refused, unknown host, or a timeout. */
public class RegistryUnreachableException extends RegistryException {

    public RegistryUnreachableException(String host, int port, String why, Throwable cause) {
        super("cannot reach registry " + host + " at " + host + ":" + port + " (" + why
                + "): check that the registry is running and that the name and port are right", cause);
    }
}
