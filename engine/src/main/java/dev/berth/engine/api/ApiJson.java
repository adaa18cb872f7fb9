package dev.berth.engine.api;

import dev.berth.engine.container.NetworkEndpointConfig;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The engine API's JSON: Docker's style (UpperCamelCase keys), so a create body, a HostConfig or
 * a restart policy reads as Docker's does. Containers travel in their {@code docker inspect} shape
 * ({@link dev.berth.engine.container.InspectView}); the other records map field for field.
 */
public final class ApiJson {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** An error answer: Docker's {@code message} (lower case, as Docker writes it), plus what the client needs to rethrow it as it was. */
    public record Error(@JsonProperty("message") String message, @JsonProperty("kind") String kind,
                        @JsonProperty("exitCode") Integer exitCode) {}

    private ApiJson() {
    }

    /** Docker's create body: Config fields, HostConfig, Config.Volumes and NetworkingConfig's endpoints. */
    public static CreateRequest readCreateRequest(String json) throws java.io.IOException {
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) MAPPER.readTree(json);
        java.util.Map<String, NetworkEndpointConfig> endpoints = new java.util.LinkedHashMap<>();
        tree.path("NetworkingConfig").path("EndpointsConfig").properties().forEach(ep -> {
            java.util.List<String> aliases = new java.util.ArrayList<>();
            ep.getValue().path("Aliases").forEach(a -> aliases.add(a.asText()));
            endpoints.put(ep.getKey(), new NetworkEndpointConfig(aliases,
                    ep.getValue().path("IPAMConfig").path("IPv4Address").asText("")));
        });
        java.util.List<String> volumes = new java.util.ArrayList<>();
        tree.path("Volumes").fieldNames().forEachRemaining(volumes::add);
        tree.remove(java.util.List.of("Volumes", "NetworkingConfig", "Endpoints"));
        return MAPPER.treeToValue(tree, CreateRequest.class).withVolumes(volumes).withEndpoints(endpoints);
    }
}
