package dev.berth.planner.plan;

import dev.berth.engine.api.CreateRequest;
import dev.berth.planner.desired.DesiredNetwork;
import dev.berth.planner.desired.DesiredVolume;
import java.util.List;
import java.util.Map;

/**
 * One operation of a {@link Plan}: one or a few engine calls on one object. {@link #resource()} names
 * the object as compose's progress lines do ({@code Container proj-web-1}, {@code Network proj_default}).
 */
public sealed interface Action {

    String resource();

    /** What it does, in a word or two, for the dry run. */
    String verb();

    /** The service it acts for; empty for networks and volumes. */
    default String service() {
        return "";
    }

    /** Acts on a container (what an unchanged stack's plan has none of). */
    default boolean onContainer() {
        return false;
    }

    /** {@code labels}: the network's own and compose's (project, network key). */
    record CreateNetwork(DesiredNetwork network, Map<String, String> labels) implements Action {
        public CreateNetwork {
            labels = Map.copyOf(labels);
        }

        @Override
        public String resource() {
            return "Network " + network.name();
        }

        @Override
        public String verb() {
            return "create";
        }
    }

    record RemoveNetwork(String name) implements Action {
        @Override
        public String resource() {
            return "Network " + name;
        }

        @Override
        public String verb() {
            return "remove";
        }
    }

    /** {@code labels}: the volume's own and compose's (project, volume key). */
    record CreateVolume(DesiredVolume volume, Map<String, String> labels) implements Action {
        public CreateVolume {
            labels = Map.copyOf(labels);
        }

        @Override
        public String resource() {
            return "Volume " + volume.name();
        }

        @Override
        public String verb() {
            return "create";
        }
    }

    record RemoveVolume(String name) implements Action {
        @Override
        public String resource() {
            return "Volume " + name;
        }

        @Override
        public String verb() {
            return "remove";
        }
    }

    /** A new container {@code name}, replica {@code number} of its service (created, not started). */
    record CreateContainer(String service, int number, String name, CreateRequest request) implements Action {
        @Override
        public String resource() {
            return "Container " + name;
        }

        @Override
        public String verb() {
            return "create";
        }

        @Override
        public boolean onContainer() {
            return true;
        }
    }

    /**
     * The old container stopped ({@code timeout} seconds, null: its own) and removed, then the new one
     * created under the same name and number (not started).
     */
    record RecreateContainer(String service, int number, String name, String oldId, CreateRequest request, Integer timeout)
            implements Action {
        @Override
        public String resource() {
            return "Container " + name;
        }

        @Override
        public String verb() {
            return "recreate";
        }

        @Override
        public boolean onContainer() {
            return true;
        }
    }

    record StartContainer(String service, String name) implements Action {
        @Override
        public String resource() {
            return "Container " + name;
        }

        @Override
        public String verb() {
            return "start";
        }

        @Override
        public boolean onContainer() {
            return true;
        }
    }

    record StopContainer(String service, String name, String id, Integer timeout) implements Action {
        @Override
        public String resource() {
            return "Container " + name;
        }

        @Override
        public String verb() {
            return "stop";
        }

        @Override
        public boolean onContainer() {
            return true;
        }
    }

    record RemoveContainer(String service, String name, String id) implements Action {
        @Override
        public String resource() {
            return "Container " + name;
        }

        @Override
        public String verb() {
            return "remove";
        }

        @Override
        public boolean onContainer() {
            return true;
        }
    }

    /**
     * Waits until {@code service}'s containers meet a {@code depends_on} condition
     * ({@code service_healthy}, {@code service_completed_successfully}) before {@code dependents} start.
     * Not {@code required}: a failure is a warning and the dependents start anyway.
     */
    record WaitFor(String service, String condition, boolean required, List<String> dependents) implements Action {
        public WaitFor {
            dependents = List.copyOf(dependents);
        }

        @Override
        public String resource() {
            return "Service " + service;
        }

        @Override
        public String verb() {
            return "wait for " + condition + (required ? "" : " (optional)");
        }
    }
}
