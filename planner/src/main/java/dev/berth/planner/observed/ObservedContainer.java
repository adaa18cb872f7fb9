package dev.berth.planner.observed;

import dev.berth.engine.container.Container;
import dev.berth.engine.container.MountPoint;
import dev.berth.planner.engine.ComposeLabels;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One of a project's containers as the engine has it, read from its compose labels.
 *
 * @param number           its {@code container-number} label; 0 when missing or not a number
 * @param status           Docker's state: created, running, paused, restarting, exited, dead
 * @param anonymousVolumes the volumes made for it alone ({@code down -v} removes them with it)
 */
public record ObservedContainer(String id, String name, String service, int number, String configHash, String status,
                                boolean oneOff, Instant created, Map<String, String> labels, List<String> anonymousVolumes) {

    public ObservedContainer {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        anonymousVolumes = anonymousVolumes == null ? List.of() : List.copyOf(anonymousVolumes);
        configHash = configHash == null ? "" : configHash;
    }

    public static ObservedContainer of(Container c) {
        Map<String, String> labels = c.config().labels();
        List<String> anonymous = c.mounts().stream().filter(m -> m.type().equals("volume") && m.anonymous())
                .map(MountPoint::name).toList();
        return new ObservedContainer(c.id(), c.name(), labels.getOrDefault(ComposeLabels.SERVICE, ""),
                number(labels.get(ComposeLabels.CONTAINER_NUMBER)), labels.get(ComposeLabels.CONFIG_HASH),
                c.state().status(), "True".equalsIgnoreCase(labels.get(ComposeLabels.ONEOFF)), c.created(), labels, anonymous);
    }

    private static int number(String label) {
        try {
            return label == null ? 0 : Integer.parseInt(label);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Has a live process (running or paused) or is between two runs of its restart policy: nothing to start. */
    public boolean up() {
        return status.equals("running") || status.equals("paused") || status.equals("restarting");
    }
}
