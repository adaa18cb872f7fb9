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

    /**
     * The cgroup this engine's containers go under: {@code berth} for the default root, else
     * {@code berth-} and 12 hex digits of the root's path, so two engines side by side (tests)
     * never see, count or remove each other's cgroups.
     */
    public String cgroupParent() {
        if (root.equals(DEFAULT_ROOT)) return "berth";
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(root.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "berth-" + java.util.HexFormat.of().formatHex(hash, 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path images() {
        return root.resolve("images");
    }

    public Path layers() {
        return root.resolve("layers");
    }

    public Path networks() {
        return root.resolve("networks");
    }

    public Path containers() {
        return root.resolve("containers");
    }

    /** Registry credentials written by {@code berth login}: readable by root only. */
    public Path credentials() {
        return root.resolve("credentials.json");
    }
}
