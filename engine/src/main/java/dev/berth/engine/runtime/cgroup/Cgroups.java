package dev.berth.engine.runtime.cgroup;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Creates and finds container cgroups under one berth-owned parent ({@code berth/} by default,
 * e.g. {@code berth-test-<random>/} in tests), so they can all be found and removed again.
 */
public final class Cgroups {

    public static final String DEFAULT_PARENT = "berth";

    /** v2 controllers berth enables for containers when the hierarchy offers them. */
    static final List<String> V2_CONTROLLERS = List.of("cpuset", "cpu", "io", "memory", "pids");

    private final CgroupLayout layout;
    private final String parent;
    private final CgroupFiles files;

    public Cgroups(CgroupLayout layout, String parent) {
        this(layout, parent, write -> {});
    }

    /** With a listener that sees every control-file write ({@code path=value}), in order. */
    Cgroups(CgroupLayout layout, String parent, Consumer<String> writeListener) {
        checkRelative(parent, "parent");
        this.layout = layout;
        this.parent = parent;
        this.files = new CgroupFiles(writeListener);
    }

    /** On this host's layout, under {@code berth/}. */
    public static Cgroups detect() throws CgroupException {
        return new Cgroups(CgroupLayout.detect(), DEFAULT_PARENT);
    }

    /** This host's layout, with the containers under {@code parent} (one per engine: see EngineRoots.cgroupParent). */
    public static Cgroups detect(String parent) throws CgroupException {
        return new Cgroups(CgroupLayout.detect(), parent);
    }

    public CgroupLayout layout() {
        return layout;
    }

    public String parent() {
        return parent;
    }

    /** Whether a memory+swap limit can be set (v1: the memory.memsw files exist; v2: memory is offered). */
    public boolean swapAccounting() {
        return switch (layout) {
            case CgroupLayout.V1 v1 -> v1.mount("memory").map(m -> Files.exists(m.resolve("memory.memsw.limit_in_bytes")))
                    .orElse(false);
            case CgroupLayout.V2 v2 -> v2.controllers().contains("memory");
        };
    }

    /**
     * Creates {@code <parent>/<id>} in every hierarchy and applies {@code resources}; on failure
     * removes what it created. An existing cgroup of that name is reused (like runc's MkdirAll).
     */
    public ContainerCgroup create(String id, Resources resources) throws CgroupException {
        checkId(id);
        ContainerCgroup cgroup = switch (layout) {
            case CgroupLayout.V1 v1 -> createV1(v1, id);
            case CgroupLayout.V2 v2 -> createV2(v2, id);
        };
        try {
            cgroup.apply(resources);
        } catch (CgroupException e) {
            try {
                cgroup.remove();
            } catch (CgroupException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        return cgroup;
    }

    /** The existing container cgroup {@code <parent>/<id>} (e.g. after berthd restarts), without touching it. */
    public ContainerCgroup open(String id) {
        checkId(id);
        String name = parent + "/" + id;
        return switch (layout) {
            case CgroupLayout.V1 v1 -> new V1ContainerCgroup(name, leafDirs(v1, name), files);
            case CgroupLayout.V2 v2 -> new V2ContainerCgroup(name, v2.mount().resolve(name), v2.controllers(), files);
        };
    }

    /** The ids of the container cgroups under the parent, in any hierarchy. */
    public Set<String> list() throws CgroupException {
        Set<String> ids = new TreeSet<>();
        for (Path root : hierarchyRoots()) {
            Path dir = root.resolve(parent);
            if (!Files.isDirectory(dir)) continue;
            for (Path child : ContainerCgroup.childCgroups(dir)) ids.add(child.getFileName().toString());
        }
        return ids;
    }

    /** The parent directories in every hierarchy (whether they exist or not). */
    public List<Path> parentDirectories() {
        return hierarchyRoots().stream().map(r -> r.resolve(parent)).toList();
    }

    /** Removes the (empty) parent directories, deepest path component first, in every hierarchy. */
    public void removeParent() throws CgroupException {
        for (Path root : hierarchyRoots()) {
            for (Path p = Path.of(parent); p != null; p = p.getParent()) ContainerCgroup.rmdir(root.resolve(p));
        }
    }

    private List<Path> hierarchyRoots() {
        return switch (layout) {
            case CgroupLayout.V1 v1 -> List.copyOf(new LinkedHashSet<>(v1.controllers().values().stream().sorted().toList()));
            case CgroupLayout.V2 v2 -> List.of(v2.mount());
        };
    }

    private static Map<String, Path> leafDirs(CgroupLayout.V1 v1, String name) {
        Map<String, Path> dirs = new LinkedHashMap<>();
        v1.controllers().forEach((controller, mount) -> dirs.put(controller, mount.resolve(name)));
        return dirs;
    }

    private ContainerCgroup createV1(CgroupLayout.V1 v1, String id) throws CgroupException {
        String name = parent + "/" + id;
        Map<String, Path> leaves = leafDirs(v1, name);
        Path cpusetMount = v1.mount("cpuset").orElse(null);
        List<Path> created = new ArrayList<>();
        try {
            for (Path mount : new LinkedHashSet<>(v1.controllers().values())) {
                Path dir = mount;
                for (Path component : Path.of(name)) {
                    Path child = dir.resolve(component);
                    if (mkdir(child)) created.add(child);
                    // cpuset refuses tasks until cpus and mems are set: inherit the parent's
                    if (mount.equals(cpusetMount)) copyCpuset(dir, child);
                    dir = child;
                }
            }
        } catch (CgroupException e) {
            for (Path dir : created.reversed()) {
                try {
                    ContainerCgroup.rmdir(dir);
                } catch (CgroupException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            throw e;
        }
        return new V1ContainerCgroup(name, leaves, files);
    }

    private void copyCpuset(Path from, Path to) throws CgroupException {
        for (String knob : List.of("cpuset.cpus", "cpuset.mems")) {
            if (CgroupFiles.read(to.resolve(knob)).isEmpty()) files.write(to.resolve(knob), CgroupFiles.read(from.resolve(knob)));
        }
    }

    /**
     * v2: a child can use a controller only if every ancestor enabled it in cgroup.subtree_control,
     * so walk down from the root enabling what is offered, then make the leaf (which enables
     * nothing: a cgroup with controllers enabled for children cannot hold processes).
     */
    private ContainerCgroup createV2(CgroupLayout.V2 v2, String id) throws CgroupException {
        String name = parent + "/" + id;
        Path dir = v2.mount();
        for (Path component : Path.of(name)) {
            enableControllers(dir);
            Path child = dir.resolve(component);
            mkdir(child);
            dir = child;
        }
        return new V2ContainerCgroup(name, dir, v2.controllers(), files);
    }

    private void enableControllers(Path dir) throws CgroupException {
        Set<String> offered = Set.of(CgroupFiles.read(dir.resolve("cgroup.controllers")).split("\\s+"));
        Set<String> enabled = Set.of(CgroupFiles.read(dir.resolve("cgroup.subtree_control")).split("\\s+"));
        for (String controller : V2_CONTROLLERS) {
            if (!offered.contains(controller) || enabled.contains(controller)) continue;
            try {
                files.write(dir.resolve("cgroup.subtree_control"), "+" + controller);
            } catch (CgroupException e) {
                if (!e.getMessage().contains("busy")) throw e;
                throw new CgroupException(e.getMessage() + " (" + dir + " holds processes itself;"
                        + " v2 enables controllers for children only in cgroups without processes)", e);
            }
        }
    }

    /** mkdir that tolerates an existing directory; true if this call created it. */
    private static boolean mkdir(Path dir) throws CgroupException {
        try {
            Files.createDirectory(dir);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new CgroupException("cannot create cgroup " + dir + ": " + CgroupFiles.reason(e), e);
        }
    }

    private static void checkId(String id) {
        if (id == null || id.isEmpty() || id.contains("/") || id.equals(".") || id.equals("..")) {
            throw new IllegalArgumentException("a container cgroup id must be one path component, got '" + id + "'");
        }
    }

    private static void checkRelative(String path, String what) {
        Path p = Path.of(path);
        if (path.isEmpty() || p.isAbsolute() || p.normalize().startsWith("..") || !p.normalize().equals(p)) {
            throw new IllegalArgumentException("the cgroup " + what + " must be a relative path below the hierarchy root, got '"
                    + path + "'");
        }
    }
}
