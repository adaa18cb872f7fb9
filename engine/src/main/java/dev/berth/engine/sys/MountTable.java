package dev.berth.engine.sys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The mounts the kernel shows this process, from {@code /proc/self/mountinfo}: how berth finds leaks. */
public final class MountTable {

    /** One line of mountinfo: where, what filesystem type, from what source. */
    public record Mount(Path mountPoint, String fsType, String source) {}

    private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

    private MountTable() {}

    public static List<Mount> read() {
        try {
            List<Mount> out = new ArrayList<>();
            for (String line : Files.readAllLines(MOUNTINFO)) {
                // id parent maj:min root mountpoint options [optional fields...] - fstype source superoptions
                String[] f = line.split(" ");
                int dash = List.of(f).indexOf("-");
                if (f.length < 5 || dash < 0 || dash + 2 >= f.length) continue;
                out.add(new Mount(Path.of(unescape(f[4])), f[dash + 1], unescape(f[dash + 2])));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + MOUNTINFO, e);
        }
    }

    public static boolean isMountPoint(Path path) {
        Path p = path.toAbsolutePath().normalize();
        return read().stream().anyMatch(m -> m.mountPoint().equals(p));
    }

    /** Mount points at or below {@code dir}. */
    public static List<Path> mountsUnder(Path dir) {
        Path d = dir.toAbsolutePath().normalize();
        return read().stream().map(Mount::mountPoint).filter(p -> p.startsWith(d)).toList();
    }

    /** The kernel writes space, tab, newline and backslash as octal escapes ({@code \040}). */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) return s;
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length()
                    && s.substring(i + 1, i + 4).chars().allMatch(ch -> ch >= '0' && ch <= '7')) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
