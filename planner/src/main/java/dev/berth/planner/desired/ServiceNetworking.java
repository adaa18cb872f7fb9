package dev.berth.planner.desired;

import dev.berth.compose.model.ServiceNetworks;
import dev.berth.compose.tree.KeyPath;
import dev.berth.engine.container.NetworkEndpointConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a service's containers are networked, as compose's {@code defaultNetworkSettings}: a
 * {@code network_mode} as given, else the service's networks by priority (then name), the first being
 * {@code HostConfig.NetworkMode}. On each network a replica is known by its container name, its service
 * name, the network's {@code aliases} and the aliases other services' {@code links} give it.
 *
 * @param mode        {@code HostConfig.NetworkMode} when {@code attachments} is empty ({@code none}, {@code host}…)
 * @param attachments the networks, in the order the engine attaches them
 */
record ServiceNetworking(String mode, List<Attachment> attachments) {

    /** One network: its project key, its engine name, the aliases asked for, the address asked for. */
    record Attachment(String key, String name, List<String> aliases, String ipv4Address) {}

    static ServiceNetworking of(String service, Map<String, Object> def, Map<String, Object> model,
                                Set<String> linkAliases, Findings f) {
        String networkMode = Tree.string(def, "network_mode");
        if (networkMode != null && !networkMode.isEmpty()) {
            if (networkMode.startsWith("service:") || networkMode.startsWith("container:")) {
                f.error(Findings.service(service, "network_mode"), "berth cannot share another container's network namespace yet ("
                        + networkMode + "); put both services on one network instead");
            }
            return new ServiceNetworking(networkMode, List.of());
        }
        List<Attachment> out = new ArrayList<>();
        Map<String, Object> attached = Tree.map(def, "networks");
        for (String key : ServiceNetworks.byPriority(def)) {
            Map<String, Object> cfg = Tree.map(attached.get(key));
            KeyPath at = Findings.service(service, "networks", key);
            for (String k : List.of("mac_address", "ipv6_address", "link_local_ips", "interface_name")) {
                if (cfg.containsKey(k)) f.error(at.child(k), "not supported by berth's networks (remove the key to run the service)");
            }
            for (String k : List.of("driver_opts", "gw_priority")) {
                if (cfg.containsKey(k)) f.warn(at.child(k), "not applied by berth; ignored");
            }
            Map<String, Object> network = Tree.map(Tree.map(model, "networks"), key);
            String name = Tree.string(network, "name") != null ? Tree.string(network, "name") : key;
            Set<String> aliases = new LinkedHashSet<>(Tree.strings(cfg, "aliases"));
            aliases.addAll(linkAliases);
            out.add(new Attachment(key, name, List.copyOf(aliases), Tree.string(cfg, "ipv4_address")));
        }
        // compose: a service on no network of a project that has none runs without network
        return new ServiceNetworking(out.isEmpty() ? "none" : out.getFirst().name(), out);
    }

    /** The network keys, for ordering (networks are created before the containers on them). */
    List<String> keys() {
        return attachments.stream().map(Attachment::key).toList();
    }

    /**
     * Docker's {@code NetworkingConfig.EndpointsConfig} of one replica: compose's aliases (container name,
     * service name, then the configured ones). The default {@code bridge} takes no aliases (Docker refuses them there).
     */
    Map<String, NetworkEndpointConfig> endpoints(String containerName, String service) {
        Map<String, NetworkEndpointConfig> out = new LinkedHashMap<>();
        for (Attachment a : attachments) {
            List<String> aliases = List.of();
            if (!a.name().equals("bridge")) {
                Set<String> all = new LinkedHashSet<>();
                all.add(containerName);
                all.add(service);
                all.addAll(a.aliases());
                aliases = List.copyOf(all);
            }
            out.put(a.name(), new NetworkEndpointConfig(aliases, a.ipv4Address()));
        }
        return out;
    }
}
