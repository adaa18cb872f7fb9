package dev.berth.planner.engine;

/**
 * The labels Docker Compose v2 puts on what it makes (its {@code pkg/api/labels.go}), so berth's
 * containers, networks and volumes are recognizable by compose's tools and filters (and compose's by berth's).
 */
public final class ComposeLabels {

    public static final String PROJECT = "com.docker.compose.project";
    public static final String SERVICE = "com.docker.compose.service";
    public static final String CONTAINER_NUMBER = "com.docker.compose.container-number";
    public static final String CONFIG_HASH = "com.docker.compose.config-hash";
    /** {@code True} on a {@code run} container, {@code False} on the service's own. */
    public static final String ONEOFF = "com.docker.compose.oneoff";
    /** {@code svc:condition:restart,...}: what a container's service depends on. */
    public static final String DEPENDS_ON = "com.docker.compose.depends_on";
    public static final String NETWORK = "com.docker.compose.network";
    public static final String VOLUME = "com.docker.compose.volume";
    public static final String WORKING_DIR = "com.docker.compose.project.working_dir";
    public static final String CONFIG_FILES = "com.docker.compose.project.config_files";
    public static final String ENVIRONMENT_FILE = "com.docker.compose.project.environment_file";
    public static final String IMAGE = "com.docker.compose.image";
    public static final String VERSION = "com.docker.compose.version";
    /** Set on a container made to replace another (recreate), to the replaced one's ID. */
    public static final String REPLACE = "com.docker.compose.replace";

    private ComposeLabels() {
    }

    /** The {@code docker ps --filter} that finds a project's containers. */
    public static String projectFilter(String project) {
        return "label=" + PROJECT + "=" + project;
    }
}
