package dev.berth.engine.network;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.engine.container.Container;
import dev.berth.engine.container.Endpoint;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A network as {@code docker network inspect} shows it (Name, Id, Created, Scope, Driver, IPAM
 * {Config: [{Subnet, Gateway, IPRange}]}, Internal, Containers {id: {Name, MacAddress,
 * IPv4Address}}, Options, Labels), and back (what the client reads).
 */
public final class NetworkInspectView {

    private static final ObjectMapper JSON = new ObjectMapper();

    private NetworkInspectView() {
    }

    public static ObjectNode of(Network n, Collection<Container> containers) {
        ObjectNode o = JSON.createObjectNode();
        o.put("Name", n.name());
        o.put("Id", n.id());
        o.put("Created", n.created().toString());
        o.put("Scope", "local");
        o.put("Driver", n.driver());
        o.put("EnableIPv6", false);
        ObjectNode ipam = o.putObject("IPAM");
        ipam.put("Driver", "default");
        ipam.putNull("Options");
        ObjectNode config = ipam.putArray("Config").addObject();
        config.put("Subnet", n.subnet());
        if (!n.ipRange().isEmpty()) config.put("IPRange", n.ipRange());
        config.put("Gateway", n.gateway());
        o.put("Internal", n.internal());
        o.put("Attachable", n.attachable());
        o.put("Ingress", false);
        o.putObject("ConfigFrom").put("Network", "");
        o.put("ConfigOnly", false);
        ObjectNode attached = o.putObject("Containers");
        for (Container c : containers) {
            Endpoint e = c.networks().get(n.name());
            if (e == null || !e.networkId().equals(n.id()) || e.ipAddress().isEmpty()) continue; // connected ones only
            ObjectNode ep = attached.putObject(c.id());
            ep.put("Name", c.name());
            ep.put("MacAddress", e.macAddress());
            ep.put("IPv4Address", e.ipAddress() + "/" + e.prefixLength());
            ep.put("IPv6Address", "");
        }
        ObjectNode options = o.putObject("Options");
        n.options().forEach(options::put);
        options.put("com.docker.network.bridge.name", n.bridge());
        ObjectNode labels = o.putObject("Labels");
        n.labels().forEach(labels::put);
        return o;
    }

    /** From plain maps and lists (MiniJson's), without Jackson: the client lists networks on every {@code up}. */
    @SuppressWarnings("unchecked")
    public static Network read(Map<String, Object> o) {
        Object configs = o.get("IPAM") instanceof Map<?, ?> ipam ? ipam.get("Config") : null;
        Map<String, Object> config = configs instanceof java.util.List<?> l && !l.isEmpty() && l.getFirst() instanceof Map<?, ?> m
                ? (Map<String, Object>) m : Map.of();
        Map<String, String> labels = strings(o.get("Labels"));
        Map<String, String> options = strings(o.get("Options"));
        String bridge = options.remove("com.docker.network.bridge.name");
        return new Network(text(o, "Id"), text(o, "Name"), Instant.parse(text(o, "Created")), text(o, "Driver"),
                Boolean.TRUE.equals(o.get("Internal")), Boolean.TRUE.equals(o.get("Attachable")), labels, options,
                text(config, "Subnet"), text(config, "Gateway"), text(config, "IPRange"), bridge == null ? "" : bridge);
    }

    private static String text(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == null ? "" : v.toString();
    }

    private static Map<String, String> strings(Object o) {
        Map<String, String> out = new LinkedHashMap<>();
        if (o instanceof Map<?, ?> m) m.forEach((k, v) -> out.put(k.toString(), v == null ? "" : v.toString()));
        return out;
    }
}
