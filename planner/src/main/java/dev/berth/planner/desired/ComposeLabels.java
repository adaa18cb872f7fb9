package dev.berth.planner.desired;

import dev.berth.compose.model.Project;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The labels Docker Compose v2 puts on what it creates (its {@code pkg/api/labels.go}), so berth's
 * containers, networks and volumes are recognizable by the same filters ({@code label=com.docker.compose.project=NAME}).
 */
public final class ComposeLabels {

    public static final String PROJECT = "com.docker.compose.project";
    public static final String SERVICE = "com.docker.compose.service";
    public static final String CONFIG_HASH = "com.docker.compose.config-hash";
    public static final String CONTAINER_NUMBER = "com.docker.compose.container-number";
    public static final String VOLUME = "com.docker.compose.volume";
    public static final String NETWORK = "com.docker.compose.network";
    public static final String WORKING_DIR = "com.docker.compose.project.working_dir";
    public static final String CONFIG_FILES = "com.docker.compose.project.config_files";
    public static final String ENVIRONMENT_FILE = "com.docker.compose.project.environment_file";
    public static final String ONEOFF = "com.docker.compose.oneoff";
    public static final String IMAGE = "com.docker.compose.image";
    public static final String DEPENDS_ON = "com.docker.compose.depends_on";
    public static final String VERSION = "com.docker.compose.version";
    /** Set on a container made to replace another (recreate), to the replaced one's ID. */
    public static final String REPLACE = "com.docker.compose.replace";

    private ComposeLabels() {
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
