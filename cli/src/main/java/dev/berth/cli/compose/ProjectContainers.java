package dev.berth.cli.compose;

import dev.berth.engine.api.ContainerEngine;
import dev.berth.engine.container.Container;
import dev.berth.planner.engine.ComposeLabels;
import java.io.IOException;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * A project's containers as the engine has them (found by compose's labels, stopped ones too), and
 * the selections compose's commands make of them: by service, with or without one-off ({@code run})
 * containers, by state.
 */
record ProjectContainers(String project, List<Container> all) {

    ProjectContainers {
        all = all.stream().sorted(Comparator.comparing(ProjectContainers::service).thenComparing(ProjectContainers::oneOff)
                .thenComparingInt(ProjectContainers::number).thenComparing(Container::name)).toList();
    }

    static ProjectContainers of(ContainerEngine engine, String project) throws IOException {
        return new ProjectContainers(project, engine.list(true, List.of(ComposeLabels.projectFilter(project))));
    }

    /** The containers of {@code services} (all of them when empty); one-off ones only with {@code oneOffs}. */
    List<Container> of(Collection<String> services, boolean oneOffs) {
        return all.stream().filter(c -> services.isEmpty() || services.contains(service(c)))
                .filter(c -> oneOffs || !oneOff(c)).toList();
    }

    static String service(Container c) {
        return c.config().labels().getOrDefault(ComposeLabels.SERVICE, "");
    }

    static boolean oneOff(Container c) {
        return "True".equalsIgnoreCase(c.config().labels().get(ComposeLabels.ONEOFF));
    }

    static int number(Container c) {
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
}
