package dev.berth.engine;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where an engine keeps its state: {@code root} ({@code BERTH_ROOT}, default /var/lib/berth) for
 * images, layers, containers and volumes; {@code run} ({@code BERTH_RUN}, default /run/berth) for
 * runtime files such as {@code berthd.sock}. Two engines with different roots never see each
 * other's objects.
 */
public record EngineRoots(Path root, Path run) {

    public static final Path DEFAULT_ROOT = Path.of("/var/lib/berth");
    public static final Path DEFAULT_RUN = Path.of("/run/berth");

    public static EngineRoots fromEnvironment(Map<String, String> env) {
        String root = env.get("BERTH_ROOT");
        String run = env.get("BERTH_RUN");
        return new EngineRoots(
                root == null || root.isEmpty() ? DEFAULT_ROOT : Path.of(root).toAbsolutePath().normalize(),
                run == null || run.isEmpty() ? DEFAULT_RUN : Path.of(run).toAbsolutePath().normalize());
    }

    public Path images() {
        return root.resolve("images");
    }

    public Path layers() {
        return root.resolve("layers");
    }

    public Path containers() {
        return root.resolve("containers");
    }

    /** Registry credentials written by {@code berth login}: readable by root only. */
    public Path credentials() {
        return root.resolve("credentials.json");
    }
}
