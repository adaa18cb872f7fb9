package dev.berth.engine.network.dns;

import java.io.IOException;

/** The DNS server could not open its UDP or TCP socket; the message names the address and the fix. */
public final class DnsListenException extends IOException {

    public DnsListenException(String message, Throwable cause) {
        super(message, cause);
    }
}
