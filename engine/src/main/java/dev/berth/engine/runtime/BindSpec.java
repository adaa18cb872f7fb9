package dev.berth.engine.runtime;

import java.nio.file.Path;
import java.util.List;

/**
 * A {@code -v [SRC:]DST[:OPTIONS]} entry as Docker reads it: SRC an absolute host path (a bind), a
 * volume name (a named volume), or absent (a new anonymous volume); DST an absolute container path;
 * OPTIONS comma-separated: {@code ro}/{@code rw}, {@code nocopy}, a propagation mode, and {@code z}/{@code Z}
 * (SELinux relabelling: accepted, nothing to do here).
 *
 * @param source      the host path of a bind, the volume's name, or empty for an anonymous volume
 * @param propagation a bind's propagation mode as given (empty: Docker's rprivate)
 */
public record BindSpec(Kind kind, String source, String target, boolean readOnly, String propagation, boolean noCopy) {

    public enum Kind { BIND, VOLUME }

    public static final List<String> PROPAGATIONS = List.of("private", "rprivate", "shared", "rshared", "slave", "rslave");

    public static BindSpec parse(String bind) {
        String[] parts = bind.split(":", -1);
        if (parts.length > 3 || java.util.Arrays.stream(parts).anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("invalid volume specification: '" + bind + "': expected [SOURCE:]/container/path[:OPTIONS]");
        }
        if (parts.length == 1 || (parts.length == 2 && isOptions(parts[1]) && parts[0].startsWith("/"))) {
            // "/data" or "/data:ro": an anonymous volume at /data
            String target = parts[0];
            return of(bind, Kind.VOLUME, "", target, parts.length == 2 ? parts[1] : "");
        }
        String source = parts[0];
        Kind kind = source.startsWith("/") ? Kind.BIND : Kind.VOLUME;
        if (kind == Kind.BIND) source = Path.of(source).normalize().toString();
        if (source.startsWith(".") || source.startsWith("~")) {
            throw new IllegalArgumentException("invalid volume specification: '" + bind + "': a host path must be absolute");
        }
        return of(bind, kind, source, parts[1], parts.length == 3 ? parts[2] : "");
    }

    private static boolean isOptions(String s) {
        return !s.startsWith("/") && java.util.Arrays.stream(s.split(",")).allMatch(BindSpec::isOption);
    }

    private static boolean isOption(String o) {
        return o.equals("ro") || o.equals("rw") || o.equals("z") || o.equals("Z") || o.equals("nocopy") || PROPAGATIONS.contains(o);
    }

    private static BindSpec of(String bind, Kind kind, String source, String target, String options) {
        if (!target.startsWith("/")) {
            throw new IllegalArgumentException("invalid volume specification: '" + bind + "': the container path must be absolute");
        }
        boolean ro = false;
        boolean noCopy = false;
        String propagation = "";
        if (!options.isEmpty()) {
            for (String o : options.split(",")) {
                if (!isOption(o)) throw new IllegalArgumentException("invalid mode: " + o + " (in '" + bind + "')");
                if (o.equals("ro")) ro = true;
                if (o.equals("nocopy")) noCopy = true;
                if (PROPAGATIONS.contains(o)) propagation = o;
            }
        }
        if (kind == Kind.VOLUME && !propagation.isEmpty()) {
            throw new IllegalArgumentException("invalid volume specification: '" + bind + "': propagation modes are for binds only");
        }
        if (kind == Kind.BIND && noCopy) {
            throw new IllegalArgumentException("invalid volume specification: '" + bind + "': nocopy is for volumes only");
        }
        MountTargets.check(target, bind);
        return new BindSpec(kind, source, target, ro, propagation, noCopy);
    }
}
