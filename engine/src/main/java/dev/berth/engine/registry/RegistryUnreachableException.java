package dev.berth.engine.registry;

/** Nothing answers at the registry's address: connection refused, unknown host, or a timeout. */
public class RegistryUnreachableException extends RegistryException {

    public RegistryUnreachableException(String hostPort, String why, Throwable cause) {
        super("cannot reach registry at " + hostPort + " (" + why
                + "): check that the registry is running and that the name and port are right", cause);
    }
}
