package dev.berth.engine.registry;

/** The registry refused the credentials, or asked for some where none were given. */
public class RegistryUnauthorizedException extends RegistryException {

    public RegistryUnauthorizedException(String registry, boolean hadCredentials, String what) {
        super(hadCredentials
                ? "unauthorized: check the credentials for " + registry + "; berth login " + registry
                : "unauthorized: " + what + " on " + registry
                        + " needs credentials, or the repository does not exist; berth login " + registry);
    }
}
