package dev.berth.compose.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.compose.ComposeError;
import dev.berth.compose.normalize.Normalizer;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * compose-go's full example was rendered with normalization and consistency checks skipped, and it
 * is not consistent: normalizing it and checking it must find every problem compose-go would
 * stop at, one run at a time.
 */
class FullExampleConsistencyTest {

    @Test
    void everyInconsistencyOfTheFullExampleIsFound() throws IOException {
        Map<String, Object> golden = golden();
        Map<String, String> env = Map.of("HOME", "/HOME", "BAR", "this is a secret", "QUX", "qux_from_environment");
        Map<String, Object> model = Normalizer.normalize(golden, "full_example_project_name", env::get);
        List<String> errors = ConsistencyChecker.check(model).stream().map(ComposeError::toString).toList();
        assertEquals(List.of(
                "services.foo: service foo declares mutually exclusive `network_mode` and `networks`",
                "services.foo.networks.other-other-network: service \"foo\" refers to undefined network other-other-network",
                "services.foo.depends_on.db: service \"foo\" depends on undefined service \"db\"",
                "services.foo.depends_on.redis: service \"foo\" depends on undefined service \"redis\"",
                "services.foo.volumes[5].source: service \"foo\" refers to undefined volume datavolume",
                "services.foo: can't set container_name and deploy.replicas as container name must be unique"),
                errors);
    }

    @Test
    void normalizingTheFullExampleNamesResourcesAndAddsTheDefaultNetwork() throws IOException {
        Map<String, Object> model = Normalizer.normalize(golden(), "full_example_project_name", Map.<String, String>of()::get);
        Map<String, Object> networks = Values.map(model.get("networks"));
        assertEquals("full_example_project_name_default", Values.map(networks.get("default")).get("name"));
        assertEquals("full_example_project_name_other-network", Values.map(networks.get("other-network")).get("name"));
        assertEquals("external-network", Values.map(networks.get("external-network")).get("name"));
        assertEquals("my-cool-network", Values.map(networks.get("other-external-network")).get("name"));
        Map<String, Object> services = Values.map(model.get("services"));
        // bar lists no network: it joins default; foo has network_mode: it does not
        assertEquals(java.util.Collections.singletonMap("default", null), Values.map(services.get("bar")).get("networks"));
        assertEquals(List.of("db", "redis"), List.copyOf(Values.map(Values.map(services.get("foo")).get("depends_on")).keySet()));
        assertEquals("user_specified_name", Values.map(Values.map(model.get("volumes")).get("another-volume")).get("name"));
        assertEquals("full_example_project_name_some-volume", Values.map(Values.map(model.get("volumes")).get("some-volume")).get("name"));
    }

    private static Map<String, Object> golden() throws IOException {
        return new ObjectMapper().readValue(
                dev.berth.compose.SharedData.composeSpec().resolve("compose-go-full-example/expected-marshal.json").toFile(),
                new TypeReference<>() { });
    }
}
