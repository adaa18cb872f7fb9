package dev.berth.engine.registry;

/** The credentials file cannot be used safely (readable by others) or is not valid JSON. */
public class CredentialStoreException extends RegistryException {

    public CredentialStoreException(String message) {
        super(message);
    }

    public CredentialStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
