package dev.berth.engine.container;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Port bindings from JSON in either shape: Docker's map ({@code {"80/tcp": [{"HostIp", "HostPort"}]}},
 * what the API carries) or a list of records (what the container store writes).
 */
final class PortBindingsDeserializer extends JsonDeserializer<List<PortBinding>> {

    @Override
    public List<PortBinding> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonNode n = p.readValueAsTree();
        if (n == null || n.isNull()) return List.of();
        if (n.isObject()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> ports = new com.fasterxml.jackson.databind.ObjectMapper().convertValue(n, Map.class);
            return InspectReader.portBindings(ports);
        }
        List<PortBinding> out = new ArrayList<>();
        for (JsonNode b : n) {
            out.add(new PortBinding(text(b, "containerPort", "ContainerPort"), text(b, "hostIp", "HostIp"), text(b, "hostPort", "HostPort")));
        }
        return out;
    }

    private static String text(JsonNode n, String camel, String upper) {
        return n.has(camel) ? n.get(camel).asText() : n.path(upper).asText("");
    }
}
