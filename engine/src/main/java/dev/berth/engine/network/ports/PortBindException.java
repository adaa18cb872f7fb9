package dev.berth.engine.network.ports;

/** A host port that cannot be had: already taken, or no free one left in the ephemeral range. Docker's words. */
public class PortBindException extends RuntimeException {

    public PortBindException(String message, Throwable cause) {
        super(message, cause);
    }

    /** "Bind for 0.0.0.0:8080 failed: port is already allocated", as dockerd says it. */
    static PortBindException allocated(String hostIp, int port, Throwable cause) {
        return new PortBindException("Bind for " + hostIp + ":" + port + " failed: port is already allocated", cause);
    }
}
