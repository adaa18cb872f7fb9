package dev.berth.cli.compose;

import dev.berth.cli.BerthCommand;
import dev.berth.compose.ComposeException;
import dev.berth.compose.model.Project;
import dev.berth.engine.api.ContainerEngine;
import dev.berth.engine.container.Container;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * compose's {@code projectOrName}: the project as its files describe it; with {@code -p NAME} and no
 * Compose file to be found, the project as its containers' labels describe it — its services and
 * their {@code depends_on} (the {@code com.docker.compose.depends_on} label), enough for
 * {@code berth -p shop stop} from any directory, as {@code docker compose -p shop stop}.
 */
final class ProjectOrName {

    @FunctionalInterface
    interface Engine {
        ContainerEngine get() throws IOException;
    }

    private ProjectOrName() {
    }

    static Project load(BerthCommand berth, Engine engine) throws IOException {
        try {
            return berth.loadProject(options -> options);
        } catch (ComposeException e) {
            String name = berth.loadOptions().projectName();
            if (name == null || !String.valueOf(e.getMessage()).startsWith("no configuration file provided")) throw e;
            return fromContainers(name, engine.get().list(true, List.of(dev.berth.planner.engine.ComposeLabels.projectFilter(name))), berth);
        }
    }

    static Project fromContainers(String name, List<Container> containers, BerthCommand berth) {
        Map<String, Object> services = new LinkedHashMap<>();
        for (Container c : containers) {
            if (ProjectContainers.oneOff(c) || ProjectContainers.service(c).isEmpty()) continue;
            Map<String, Object> dependsOn = new LinkedHashMap<>();
            // compose's label: service:condition:restart, joined with ","
            for (String entry : c.config().labels().getOrDefault(dev.berth.planner.engine.ComposeLabels.DEPENDS_ON, "").split(",")) {
                String[] parts = entry.split(":");
                if (parts[0].isBlank()) continue;
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("condition", parts.length > 1 ? parts[1] : "service_started");
                d.put("restart", parts.length > 2 && Boolean.parseBoolean(parts[2]));
                d.put("required", true);
                dependsOn.put(parts[0], d);
            }
            services.putIfAbsent(ProjectContainers.service(c), new LinkedHashMap<>(Map.of("depends_on", dependsOn)));
        }
        if (services.isEmpty()) {
            throw new IllegalArgumentException("no configuration file provided, and project \"" + name
                    + "\" has no containers: name a Compose file with -f");
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("name", name);
        model.put("services", services);
        return new Project(name, berth.invocation().cwd(), List.of(), Map.of(), model, Map.of());
    }
}
