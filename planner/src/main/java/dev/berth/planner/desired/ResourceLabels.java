package dev.berth.planner.desired;

import static dev.berth.planner.engine.ComposeLabels.*;

import dev.berth.compose.model.Project;
import dev.berth.planner.engine.ComposeLabels;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The labels of what a project makes, as compose sets them (names in {@link ComposeLabels}). */
final class ResourceLabels {

    private ResourceLabels() {
    }

    /**
     * A service's labels shared by its replicas: its own {@code labels}, then compose's (which win, as in
     * compose's {@code mergeLabels(service.Labels, service.CustomLabels)}).
     */
    static Map<String, String> service(Project project, String service, Map<String, String> own, DesiredOptions options) {
        Map<String, String> out = new LinkedHashMap<>(own);
        out.put(PROJECT, project.name());
        out.put(SERVICE, service);
        out.put(VERSION, options.version());
        out.put(WORKING_DIR, project.workingDir().toString());
        out.put(CONFIG_FILES, project.composeFiles().stream().map(Path::toString).collect(Collectors.joining(",")));
        if (!options.envFiles().isEmpty()) out.put(ENVIRONMENT_FILE, String.join(",", options.envFiles()));
        out.put(ONEOFF, "False");
        String imageId = options.imageIds().get(service);
        if (imageId != null) out.put(IMAGE, imageId);
        return out;
    }

    /** Replica {@code number}'s labels: the service's, its number, config hash and dependencies. */
    static Map<String, String> container(Map<String, String> service, int number, String configHash, String dependsOn) {
        Map<String, String> out = new LinkedHashMap<>(service);
        out.put(CONTAINER_NUMBER, Integer.toString(number));
        out.put(CONFIG_HASH, configHash);
        out.put(DEPENDS_ON, dependsOn);
        return out;
    }

    /** A project network's: its own labels, then compose's. */
    static Map<String, String> network(String project, String key, Map<String, String> own, String version, String hash) {
        Map<String, String> out = new LinkedHashMap<>(own);
        out.put(NETWORK, key);
        out.put(PROJECT, project);
        out.put(VERSION, version);
        out.put(CONFIG_HASH, hash);
        return out;
    }

    /** A project volume's: its own labels, then compose's. */
    static Map<String, String> volume(String project, String key, Map<String, String> own, String version, String hash) {
        Map<String, String> out = new LinkedHashMap<>(own);
        out.put(VOLUME, key);
        out.put(PROJECT, project);
        out.put(VERSION, version);
        out.put(CONFIG_HASH, hash);
        return out;
    }
}
