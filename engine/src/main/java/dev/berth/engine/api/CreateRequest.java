package dev.berth.engine.api;

import dev.berth.engine.container.Healthcheck;
import dev.berth.engine.container.HostConfig;
import dev.berth.engine.container.NetworkEndpointConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /containers/create}: what the caller says about a new container. As in Docker's
 * create body, {@code null} means "the image's": a null entrypoint or cmd is taken from the
 * image (an entrypoint given clears the image's cmd), an empty list clears it; {@code env} is
 * added over the image's; null working dir, user, stop signal and healthcheck take the image's.
 *
 * @param volumes     Docker's {@code Config.Volumes}: container paths that get a new anonymous volume
 * @param healthcheck over the image's HEALTHCHECK ({@code ["NONE"]} turns it off); null: the image's
 * @param endpoints   Docker's {@code NetworkingConfig.EndpointsConfig}: by network name (the first is
 *                    {@code HostConfig.NetworkMode}'s), the aliases and address the container has there
 */
public record CreateRequest(String name, String image, List<String> entrypoint, List<String> cmd, List<String> env,
                            String workingDir, String user, String hostname, String domainname,
                            Map<String, String> labels, boolean tty, boolean openStdin, boolean stdinOnce,
                            String stopSignal, Integer stopTimeout, HostConfig hostConfig, List<String> volumes,
                            Healthcheck healthcheck, Map<String, NetworkEndpointConfig> endpoints) {

    public CreateRequest {
        entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
        cmd = cmd == null ? null : List.copyOf(cmd);
        env = env == null ? List.of() : List.copyOf(env);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        hostConfig = hostConfig == null ? HostConfig.defaults() : hostConfig;
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
        endpoints = endpoints == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(endpoints));
    }

    /** A request for {@code image} with its own command and defaults only. */
    public static CreateRequest of(String image) {
        return new CreateRequest(null, image, null, null, null, null, null, null, null, null, false, false, false,
                null, null, null, null, null, null);
    }

    public CreateRequest withName(String n) {
        return new CreateRequest(n, image, entrypoint, cmd, env, workingDir, user, hostname, domainname, labels, tty,
                openStdin, stdinOnce, stopSignal, stopTimeout, hostConfig, volumes, healthcheck, endpoints);
    }

    public CreateRequest withCmd(List<String> c) {
        return new CreateRequest(name, image, entrypoint, c, env, workingDir, user, hostname, domainname, labels, tty,
                openStdin, stdinOnce, stopSignal, stopTimeout, hostConfig, volumes, healthcheck, endpoints);
    }

    public CreateRequest withHostConfig(HostConfig h) {
        return new CreateRequest(name, image, entrypoint, cmd, env, workingDir, user, hostname, domainname, labels, tty,
                openStdin, stdinOnce, stopSignal, stopTimeout, h, volumes, healthcheck, endpoints);
    }

    public CreateRequest withLabels(Map<String, String> l) {
        return new CreateRequest(name, image, entrypoint, cmd, env, workingDir, user, hostname, domainname, l, tty,
                openStdin, stdinOnce, stopSignal, stopTimeout, hostConfig, volumes, healthcheck, endpoints);
    }

    public CreateRequest withVolumes(List<String> v) {
        return new CreateRequest(name, image, entrypoint, cmd, env, workingDir, user, hostname, domainname, labels, tty,
                openStdin, stdinOnce, stopSignal, stopTimeout, hostConfig, v, healthcheck, endpoints);
    }

    public CreateRequest withHealthcheck(Healthcheck h) {
        return new CreateRequest(name, image, entrypoint, cmd, env, workingDir, user, hostname, domainname, labels, tty,
                openStdin, stdinOnce, stopSignal, stopTimeout, hostConfig, volumes, h, endpoints);
    }

    public CreateRequest withEndpoints(Map<String, NetworkEndpointConfig> e) {
        return new CreateRequest(name, image, entrypoint, cmd, env, workingDir, user, hostname, domainname, labels, tty,
                openStdin, stdinOnce, stopSignal, stopTimeout, hostConfig, volumes, healthcheck, e);
    }

    /** {@code run --network-alias}: aliases on the network of {@code HostConfig.NetworkMode}. */
    public CreateRequest withNetworkAliases(List<String> aliases) {
        if (aliases.isEmpty()) return this;
        Map<String, NetworkEndpointConfig> e = new LinkedHashMap<>(endpoints);
        NetworkEndpointConfig old = e.get(hostConfig.networkMode());
        e.put(hostConfig.networkMode(), new NetworkEndpointConfig(aliases, old == null ? "" : old.ipv4Address()));
        return withEndpoints(e);
    }

    /** The aliases asked for on {@code network}. */
    public List<String> aliasesOn(String network) {
        NetworkEndpointConfig e = endpoints.get(network);
        return e == null ? List.of() : e.aliases();
    }
}
