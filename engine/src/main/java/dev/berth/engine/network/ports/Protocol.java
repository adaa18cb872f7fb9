package dev.berth.engine.network.ports;

import java.util.Locale;

/** The transport of a published port, as Docker writes it after the slash in {@code -p 53:53/udp}. */
public enum Protocol {
    TCP,
    UDP;

    /** "tcp" or "udp", as in Docker's port keys and nft's {@code tcp dport}. */
    public String lowerName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Protocol parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "tcp", "" -> TCP;
            case "udp" -> UDP;
            default -> throw new IllegalArgumentException("invalid proto: " + text + " (berth publishes tcp and udp)");
        };
    }
}
