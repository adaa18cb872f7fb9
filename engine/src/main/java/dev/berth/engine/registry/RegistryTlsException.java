package dev.berth.engine.registry;

/** An HTTPS handshake failed: most often a plain-HTTP registry reached over HTTPS. */
public class RegistryTlsException extends RegistryException {

    public RegistryTlsException(String hostPort, String why, Throwable cause) {
        super("TLS handshake with registry " + hostPort + " failed (" + why + "): if it is a plain-HTTP registry"
                + " you trust, allow it as an insecure registry (--insecure-registry " + hostPort + ")", cause);
    }
}
