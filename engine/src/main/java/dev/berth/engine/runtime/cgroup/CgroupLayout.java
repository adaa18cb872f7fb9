package dev.berth.engine.runtime.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How this host mounts cgroups: v1 (one hierarchy per controller, possibly with an extra,
 * controller-less cgroup2 mount: "hybrid") or v2 (one unified hierarchy). Found from
 * {@code /proc/self/mountinfo} (what is mounted where) and {@code /proc/self/cgroup}
 * (which hierarchies this process belongs to).
 */
public sealed interface CgroupLayout {

    /** The v1 controllers berth puts containers into (runc joins these and a few more). */
    Set<String> V1_CONTROLLERS = Set.of("memory", "cpu", "cpuacct", "cpuset", "pids", "freezer", "devices", "blkio");

    /**
     * Controllers on v1 hierarchies, each with its mount point (co-mounted controllers such as
     * {@code cpu,cpuacct} share one); {@code unified} is the controller-less cgroup2 mount of a hybrid host.
     */
    record V1(Map<String, Path> controllers, Optional<Path> unified) implements CgroupLayout {
        public V1 {
            controllers = Map.copyOf(controllers);
        }

        public boolean hybrid() {
            return unified.isPresent();
        }

        /** The mount point of {@code controller}, if the host has it. */
        public Optional<Path> mount(String controller) {
            return Optional.ofNullable(controllers.get(controller));
        }
    }

    /** The unified hierarchy at {@code mount} and the controllers its root offers ({@code cgroup.controllers}). */
    record V2(Path mount, Set<String> controllers) implements CgroupLayout {
        public V2 {
            controllers = Set.copyOf(controllers);
        }

        /** A v2 layout at {@code mount}, with the controllers read from its {@code cgroup.controllers}. */
        public static V2 at(Path mount) {
            Set<String> available = new LinkedHashSet<>();
            try {
                String s = Files.readString(mount.resolve("cgroup.controllers")).strip();
                if (!s.isEmpty()) available.addAll(Arrays.asList(s.split("\\s+")));
            } catch (IOException e) {
                // unreadable: no controllers; create() then says which controller is missing
            }
            return new V2(mount, available);
        }
    }

    static CgroupLayout detect() throws CgroupException {
        Path mountinfo = Path.of("/proc/self/mountinfo");
        Path self = Path.of("/proc/self/cgroup");
        try {
            return parse(Files.readString(mountinfo), Files.readString(self));
        } catch (IOException e) {
            if (e instanceof CgroupException c) throw c;
            throw new CgroupException("cannot read " + mountinfo + " or " + self + ": " + CgroupFiles.reason(e), e);
        }
    }

    /**
     * The layout described by a mountinfo text and a {@code /proc/<pid>/cgroup} text. Any v1
     * controller hierarchy makes the host v1 (hybrid when a cgroup2 mount exists as well):
     * controllers live where they are mounted, and v1 and v2 cannot share one.
     */
    static CgroupLayout parse(String mountinfo, String procCgroup) throws CgroupException {
        Map<String, Path> v1 = new LinkedHashMap<>();
        Path unified = null;
        for (String line : mountinfo.split("\n")) {
            // id parent maj:min root mountpoint options [optional...] - fstype source superoptions
            List<String> f = List.of(line.trim().split(" "));
            int dash = f.indexOf("-");
            if (f.size() < 5 || dash < 0 || dash + 3 >= f.size()) continue;
            String fsType = f.get(dash + 1);
            Path mountPoint = Path.of(unescape(f.get(4)));
            if (fsType.equals("cgroup")) {
                for (String option : f.get(dash + 3).split(",")) {
                    if (V1_CONTROLLERS.contains(option)) v1.putIfAbsent(option, mountPoint);
                }
            } else if (fsType.equals("cgroup2")) {
                // prefer the canonical place when cgroup2 is mounted more than once
                if (unified == null || mountPoint.equals(Path.of("/sys/fs/cgroup"))) unified = mountPoint;
            }
        }
        boolean onlyUnified = procCgroup.lines().filter(l -> !l.isBlank()).allMatch(l -> l.startsWith("0::"));
        if (!v1.isEmpty() && !onlyUnified) return new V1(v1, Optional.ofNullable(unified));
        if (unified != null) return V2.at(unified);
        throw new CgroupException("no cgroup filesystem is mounted (/proc/self/mountinfo has no cgroup or cgroup2 line);"
                + " mount one: mount -t cgroup2 none /sys/fs/cgroup");
    }

    /** mountinfo writes space, tab, newline and backslash as octal escapes ({@code \040}). */
    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) return s;
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length() && s.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
