package dev.berth.engine.container;

import java.util.List;
import java.util.Map;

/**
 * What runs in a container, as Docker's container {@code Config} says it (the image's defaults
 * merged with {@code run}'s arguments).
 *
 * @param healthcheck the check berthd runs (the request's over the image's); null: none
 * @param volumes     Docker's {@code Config.Volumes}: the paths that get anonymous volumes
 */
public record ContainerConfig(
        String image,
        List<String> entrypoint,
        List<String> cmd,
        List<String> env,
        String workingDir,
        String user,
        String hostname,
        String domainname,
        Map<String, String> labels,
        boolean tty,
        boolean openStdin,
        boolean stdinOnce,
        String stopSignal,
        Integer stopTimeout,
        Healthcheck healthcheck,
        List<String> volumes) {

    public ContainerConfig {
        entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
        cmd = cmd == null ? List.of() : List.copyOf(cmd);
        env = env == null ? List.of() : List.copyOf(env);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
    }

    /** The argv the container starts with: entrypoint, then cmd. */
    public List<String> argv() {
        return java.util.stream.Stream.concat(entrypoint.stream(), cmd.stream()).toList();
    }
}
