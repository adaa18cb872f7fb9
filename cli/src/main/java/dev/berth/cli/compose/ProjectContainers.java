package dev.berth.cli.compose;

import dev.berth.engine.api.ContainerEngine;
import dev.berth.engine.container.Container;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A project's containers as compose finds them (its {@code getContainers}): by the project label,
 * with a config hash (so only containers compose or berth made for a service), one-offs ({@code run})
 * excluded, included or alone, running ones unless {@code all}, of the selected services only.
 */
public final class ProjectContainers {

    static final String PROJECT = "com.docker.compose.project";
    static final String SERVICE = "com.docker.compose.service";
    static final String NUMBER = "com.docker.compose.container-number";
    static final String ONEOFF = "com.docker.compose.oneoff";
    static final String CONFIG_HASH = "com.docker.compose.config-hash";
    static final String CONFIG_FILES = "com.docker.compose.project.config_files";

    /** compose's oneOff filter: {@code run} containers left out, taken too, or alone. */
    public enum OneOff { EXCLUDE, INCLUDE, ONLY }

    private ProjectContainers() {
    }

    public static List<Container> list(ContainerEngine engine, String project, OneOff oneOff, boolean all, List<String> services)
            throws IOException {
        List<String> filters = new ArrayList<>(List.of("label=" + PROJECT + "=" + project, "label=" + CONFIG_HASH));
        if (services.size() == 1) filters.add("label=" + SERVICE + "=" + services.getFirst());
        switch (oneOff) {
            case EXCLUDE -> filters.add("label=" + ONEOFF + "=False");
            case ONLY -> filters.add("label=" + ONEOFF + "=True");
            case INCLUDE -> { }
        }
        List<Container> out = new ArrayList<>(engine.list(all, filters));
        if (services.size() > 1) out.removeIf(c -> !services.contains(service(c)));
        return out;
    }

    /**
     * compose's {@code getSpecifiedContainer}: the service's container number {@code index} (0: the
     * lowest number, the service's own before one-offs).
     */
    public static Container specified(ContainerEngine engine, String project, OneOff oneOff, boolean all, String service, int index)
            throws IOException {
        List<Container> found = new ArrayList<>(list(engine, project, oneOff, all, List.of(service)));
        if (index > 0) found.removeIf(c -> number(c) != index);
        if (found.isEmpty()) {
            throw new dev.berth.compose.ComposeException(index > 0 ? "service \"" + service + "\" is not running container #" + index
                    : "service \"" + service + "\" is not running");
        }
        found.sort(Comparator.comparingInt(ProjectContainers::number)
                .thenComparing(c -> "True".equals(c.config().labels().get(ONEOFF))));
        return found.getFirst();
    }

    public static String service(Container c) {
        return c.config().labels().getOrDefault(SERVICE, "");
    }

    public static int number(Container c) {
        try {
            return Integer.parseInt(c.config().labels().getOrDefault(NUMBER, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * The name compose shows in log prefixes: {@code web-1} for {@code shop-web-1}, the whole name
     * for a {@code container_name} of the service's own (compose's getContainerNameWithoutProject).
     */
    public static String nameWithoutProject(Container c) {
        String project = c.config().labels().getOrDefault(PROJECT, "");
        String defaultName = project + "-" + service(c) + "-" + c.config().labels().getOrDefault(NUMBER, "");
        return c.name().equals(defaultName) ? c.name().substring(project.length() + 1) : c.name();
    }
}
