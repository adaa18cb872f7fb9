package dev.berth.engine.network;

/** No network by that name, ID or ID prefix (Docker's words). */
public class NetworkNotFoundException extends RuntimeException {

    public NetworkNotFoundException(String reference) {
        super("network " + reference + " not found");
    }
}
