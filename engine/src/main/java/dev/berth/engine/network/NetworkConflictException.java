package dev.berth.engine.network;

/** A network name in use, an ambiguous ID prefix, a network with containers still on it. */
public class NetworkConflictException extends RuntimeException {

    public NetworkConflictException(String message) {
        super(message);
    }
}
