package dev.berth.compose.validate;

import dev.berth.compose.ComposeError;
import dev.berth.compose.graph.DependencyGraph;
import dev.berth.compose.tree.KeyPath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The semantic checks compose-go runs on a loaded project ({@code loader/validate.go}
 * {@code checkConsistency}, the {@code validation} package, {@code CheckContainerNameUnicity} and
 * the dependency cycle check), on a canonical, normalized model of the enabled services. Unlike
 * compose-go, which stops at the first problem, every problem is returned, each with the key path
 * it is about (the loader turns that into a file position). Messages are compose-go's, without
 * its {@code : invalid compose project} suffix.
 *
 * <p>Behaviours 70-75, 96, 115 and port ranges. {@code healthcheck.start_interval} without
 * {@code start_period} (162) is not a load error in compose: see {@link HealthcheckRules}.
 */
public final class ConsistencyChecker {

    private ConsistencyChecker() {
    }

    /** Checks a model whose services are all enabled and none is switched off by profiles. */
    public static List<ComposeError> check(Map<String, Object> canonical) {
        return check(canonical, Map.of());
    }

    /**
     * @param canonical        the normalized model of the enabled services
     * @param disabledServices services switched off by profiles: an optional ({@code required: false})
     *                         dependency on one of them is not an error (behaviour 115)
     */
    public static List<ComposeError> check(Map<String, Object> canonical, Map<String, ?> disabledServices) {
        List<ComposeError> errors = new ArrayList<>();
        Map<String, Object> services = Values.map(canonical.get("services"));
        ServiceChecks serviceChecks = new ServiceChecks(canonical, disabledServices.keySet());
        services.forEach((name, def) -> serviceChecks.check(name, Values.map(def), errors));
        checkContainerNames(services, errors);
        ResourceChecks.check(canonical, errors);
        DependencyGraph.of(services).cycleError().ifPresent(errors::add);
        return List.copyOf(errors);
    }

    /** Behaviour 73: two services cannot share a {@code container_name}. */
    private static void checkContainerNames(Map<String, Object> services, List<ComposeError> errors) {
        Map<String, String> owners = new LinkedHashMap<>();
        services.forEach((name, def) -> {
            String containerName = Values.string(Values.map(def).get("container_name"));
            if (containerName == null || containerName.isEmpty()) return;
            String owner = owners.putIfAbsent(containerName, name);
            if (owner != null) {
                errors.add(new ComposeError(null, KeyPath.of("services", name, "container_name"),
                        "container name \"" + containerName + "\" is already in use by service " + owner));
            }
        });
    }
}
