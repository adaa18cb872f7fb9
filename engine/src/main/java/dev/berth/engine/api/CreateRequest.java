package dev.berth.engine.api;

import dev.berth.engine.container.HostConfig;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /containers/create}: what the caller says about a new container. As in Docker's
 * create body, {@code null} means "the image's": a null entrypoint or cmd is taken from the
 * image (an entrypoint given clears the image's cmd), an empty list clears it; {@code env} is
 * added over the image's; null working dir, user and stop signal take the image's.
 */
public record CreateRequest(String name, String image, List<String> entrypoint, List<String> cmd, List<String> env,
                            String workingDir, String user, String hostname, String domainname,
                            Map<String, String> labels, boolean tty, boolean openStdin, boolean stdinOnce,
                            String stopSignal, Integer stopTimeout, HostConfig hostConfig, List<String> networkAliases) {

    public CreateRequest {
        entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
        cmd = cmd == null ? null : List.copyOf(cmd);
        env = env == null ? List.of() : List.copyOf(env);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        hostConfig = hostConfig == null ? HostConfig.defaults() : hostConfig;
        networkAliases = networkAliases == null ? List.of() : List.copyOf(networkAliases);
    }

    /** A request for {@code image} with its own command and defaults only. */
    public static CreateRequest of(String image) {
        return new CreateRequest(null, image, null, null, null, null, null, null, null, null, false, false, false,
                null, null, null, null);
    }

    public CreateRequest withName(String n) {
        return new CreateRequest(n, image, entrypoint, cmd, env, workingDir, user, hostname, domainname, labels, tty,
                openStdin, stdinOnce, stopSignal, stopTimeout, hostConfig, networkAliases);
    }

    public CreateRequest withCmd(List<String> c) {
        return new CreateRequest(name, image, entrypoint, c, env, workingDir, user, hostname, domainname, labels, tty,
                openStdin, stdinOnce, stopSignal, stopTimeout, hostConfig, networkAliases);
    }

    public CreateRequest withHostConfig(HostConfig h) {
        return new CreateRequest(name, image, entrypoint, cmd, env, workingDir, user, hostname, domainname, labels, tty,
                openStdin, stdinOnce, stopSignal, stopTimeout, h, networkAliases);
    }

    /** Docker's {@code NetworkingConfig.EndpointsConfig[network].Aliases} (the create body carries them there). */
    public CreateRequest withNetworkAliases(List<String> aliases) {
        return new CreateRequest(name, image, entrypoint, cmd, env, workingDir, user, hostname, domainname, labels, tty,
                openStdin, stdinOnce, stopSignal, stopTimeout, hostConfig, aliases);
    }

    public CreateRequest withLabels(Map<String, String> l) {
        return new CreateRequest(name, image, entrypoint, cmd, env, workingDir, user, hostname, domainname, l, tty,
                openStdin, stdinOnce, stopSignal, stopTimeout, hostConfig, networkAliases);
    }
}
