package dev.berth.engine.network;

import com.fasterxml.jackson.databind.JsonNode;
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

    public static Network read(JsonNode o) {
        JsonNode config = o.path("IPAM").path("Config").path(0);
        Map<String, String> labels = new LinkedHashMap<>();
        o.path("Labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        Map<String, String> options = new LinkedHashMap<>();
        o.path("Options").properties().forEach(e -> options.put(e.getKey(), e.getValue().asText()));
        String bridge = options.remove("com.docker.network.bridge.name");
        return new Network(o.path("Id").asText(), o.path("Name").asText(), Instant.parse(o.path("Created").asText()),
                o.path("Driver").asText(), o.path("Internal").asBoolean(), o.path("Attachable").asBoolean(), labels, options,
                config.path("Subnet").asText(), config.path("Gateway").asText(), config.path("IPRange").asText(""),
                bridge == null ? "" : bridge);
    }
}
