package dev.berth.engine.api;

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

    /** Docker's create body: Config fields, HostConfig, and NetworkingConfig's endpoint aliases. */
    public static CreateRequest readCreateRequest(String json) throws java.io.IOException {
        var tree = MAPPER.readTree(json);
        java.util.List<String> aliases = new java.util.ArrayList<>();
        tree.path("NetworkingConfig").path("EndpointsConfig").forEach(ep -> ep.path("Aliases").forEach(a -> aliases.add(a.asText())));
        return MAPPER.treeToValue(tree, CreateRequest.class).withNetworkAliases(aliases);
    }
}
