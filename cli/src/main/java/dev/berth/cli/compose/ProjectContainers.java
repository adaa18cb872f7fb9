package dev.berth.cli.compose;

import dev.berth.engine.api.ContainerEngine;
import dev.berth.engine.container.Container;
import dev.berth.planner.engine.ComposeLabels;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * A project's containers as compose finds them (its {@code getContainers}): by the project label, one-offs
 * ({@code run}) excluded, included or alone, running ones unless {@code all}, of the selected services — and,
 * as a value, all of them (stopped too) with the selections the lifecycle commands make.
 */
public record ProjectContainers(String project, List<Container> all) {

    static final String CONFIG_FILES = "com.docker.compose.project.config_files";

    /** compose's oneOff filter: {@code run} containers left out, taken too, or alone. */
    public enum OneOff { EXCLUDE, INCLUDE, ONLY }

    public ProjectContainers {
        all = all.stream().sorted(Comparator.comparing(ProjectContainers::service).thenComparing(ProjectContainers::oneOff)
                .thenComparingInt(ProjectContainers::number).thenComparing(Container::name)).toList();
    }

    /** Every container of the project, stopped ones and one-offs included. */
    static ProjectContainers of(ContainerEngine engine, String project) throws IOException {
        return new ProjectContainers(project, engine.list(true, List.of(ComposeLabels.projectFilter(project))));
    }

    /** The containers of {@code services} (all of them when empty); one-off ones only with {@code oneOffs}. */
    List<Container> of(Collection<String> services, boolean oneOffs) {
        return all.stream().filter(c -> services.isEmpty() || services.contains(service(c)))
                .filter(c -> oneOffs || !oneOff(c)).toList();
    }

    /** compose's getContainers: with a config hash (made for a service by compose or berth), by the one-off filter. */
    public static List<Container> list(ContainerEngine engine, String project, OneOff oneOff, boolean all, List<String> services)
            throws IOException {
        List<String> filters = new ArrayList<>(List.of(ComposeLabels.projectFilter(project), "label=" + ComposeLabels.CONFIG_HASH));
        if (services.size() == 1) filters.add("label=" + ComposeLabels.SERVICE + "=" + services.getFirst());
        switch (oneOff) {
            case EXCLUDE -> filters.add("label=" + ComposeLabels.ONEOFF + "=False");
            case ONLY -> filters.add("label=" + ComposeLabels.ONEOFF + "=True");
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
        found.sort(Comparator.comparingInt(ProjectContainers::number).thenComparing(ProjectContainers::oneOff));
        return found.getFirst();
    }

    public static String service(Container c) {
        return c.config().labels().getOrDefault(ComposeLabels.SERVICE, "");
    }

    static boolean oneOff(Container c) {
        return "True".equalsIgnoreCase(c.config().labels().get(ComposeLabels.ONEOFF));
    }

    public static int number(Container c) {
        try {
            return Integer.parseInt(c.config().labels().getOrDefault(ComposeLabels.CONTAINER_NUMBER, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static boolean running(Container c) {
        return c.state().status().equals("running");
    }

    static boolean paused(Container c) {
        return c.state().status().equals("paused") || c.state().paused();
    }

    /** Running or paused: what Docker's list without {@code -a} shows. */
    static boolean up(Container c) {
        return running(c) || paused(c) || c.state().status().equals("restarting");
    }

    /**
     * The name compose shows in log prefixes: {@code web-1} for {@code shop-web-1}, the whole name
     * for a {@code container_name} of the service's own (compose's getContainerNameWithoutProject).
     */
    public static String nameWithoutProject(Container c) {
        String project = c.config().labels().getOrDefault(ComposeLabels.PROJECT, "");
        String defaultName = project + "-" + service(c) + "-" + c.config().labels().getOrDefault(ComposeLabels.CONTAINER_NUMBER, "");
        return c.name().equals(defaultName) ? c.name().substring(project.length() + 1) : c.name();
    }
}
