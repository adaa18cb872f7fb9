package dev.berth.engine.network.firewall;

/** An nft call failed, or nft is missing; the message names the command and what nft said. */
public class FirewallException extends RuntimeException {

    public FirewallException(String message) {
        super(message);
    }

    public FirewallException(String message, Throwable cause) {
        super(message, cause);
    }
}
