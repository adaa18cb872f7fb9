package dev.berth.engine.network.ports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The host's ephemeral port range, where {@code -p 80} finds its host port: {@code /proc/sys/net/ipv4/ip_local_port_range}
 * as Docker's port allocator reads it (falling back, like Docker, to 49153-65535 when the file is unreadable).
 */
public record EphemeralPorts(int first, int last) {

    public static final Path PROC_FILE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

    public EphemeralPorts {
        if (first < 1 || last > 65535 || first > last) throw new IllegalArgumentException("invalid port range " + first + "-" + last);
    }

    public static EphemeralPorts ofHost() {
        return read(PROC_FILE);
    }

    static EphemeralPorts read(Path file) {
        try {
            String[] f = Files.readString(file).trim().split("\\s+");
            return new EphemeralPorts(Integer.parseInt(f[0]), Integer.parseInt(f[1]));
        } catch (IOException | RuntimeException e) {
            return new EphemeralPorts(49153, 65535);
        }
    }

    public int size() {
        return last - first + 1;
    }

    public boolean contains(int port) {
        return port >= first && port <= last;
    }
}
