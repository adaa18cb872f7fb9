package dev.berth.engine.runtime;

import java.nio.file.Path;
import java.util.List;

/**
 * A {@code -v SRC:DST[:OPTIONS]} bind as Docker reads it: SRC an absolute host path, DST an
 * absolute container path, OPTIONS comma-separated ({@code ro}/{@code rw}; {@code z}/{@code Z}
 * and propagation modes accepted; SELinux labels do not apply here).
 */
public record BindSpec(Path source, String target, boolean readOnly) {

    private static final List<String> ACCEPTED = List.of("ro", "rw", "z", "Z", "private", "rprivate", "shared", "rshared",
            "slave", "rslave", "nocopy");

    public static BindSpec parse(String bind) {
        String[] parts = bind.split(":", -1);
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new IllegalArgumentException("invalid volume specification: '" + bind + "': expected /host/path:/container/path[:ro]");
        }
        if (!parts[0].startsWith("/")) {
            throw new IllegalArgumentException("invalid volume specification: '" + bind + "': named volumes are not supported yet"
                    + " (they come with berth's volume support); give an absolute host path");
        }
        if (!parts[1].startsWith("/")) {
            throw new IllegalArgumentException("invalid volume specification: '" + bind + "': the container path must be absolute");
        }
        boolean ro = false;
        if (parts.length == 3) {
            for (String o : parts[2].split(",")) {
                if (!ACCEPTED.contains(o)) throw new IllegalArgumentException("invalid mode: " + o + " (in '" + bind + "')");
                if (o.equals("ro")) ro = true;
            }
        }
        String target = parts[1];
        for (String forbidden : List.of("/proc", "/sys", "/dev")) {
            if (target.equals(forbidden) || target.equals(forbidden + "/")) {
                throw new IllegalArgumentException("invalid volume specification: '" + bind + "': cannot mount over " + forbidden);
            }
        }
        return new BindSpec(Path.of(parts[0]).normalize(), target, ro);
    }
}
