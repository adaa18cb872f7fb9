package dev.berth.engine.network.ipam;

/**
 * An address request berth cannot satisfy: an overlapping or malformed subnet, an exhausted pool, a static
 * address outside the network or already in use. Where Docker has a message for the case, this one reads the same,
 * so scripts matching Docker's errors keep working.
 */
public class IpamException extends RuntimeException {

    public IpamException(String message) {
        super(message);
    }
}
