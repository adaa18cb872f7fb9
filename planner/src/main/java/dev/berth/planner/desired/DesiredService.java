package dev.berth.planner.desired;

import dev.berth.engine.api.CreateRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * One service as the engine should run it.
 *
 * @param replicas         how many containers ({@code scale}, {@code deploy.replicas}, {@code --scale})
 * @param configHash       the {@code com.docker.compose.config-hash} label: a container whose label differs is recreated
 * @param dependsOn        by service name, the condition to wait for before this service's containers start
 * @param containerRequest the create request of replica {@code n} (1-based): its name, labels (config hash
 *                         included), networks, mounts — everything the engine needs
 * @param networks         the project network keys the service joins (for ordering: created first)
 * @param volumes          the project volume keys it mounts
 * @param pullPolicy       {@code always|never|missing|build|daily|weekly|every_<duration>}; empty: missing
 */
public record DesiredService(String name, int replicas, String configHash, Map<String, Dependency> dependsOn,
                             IntFunction<CreateRequest> containerRequest, List<String> networks, List<String> volumes,
                             String image, String pullPolicy) {

    public DesiredService {
        dependsOn = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(dependsOn));
        networks = List.copyOf(networks);
        volumes = List.copyOf(volumes);
        pullPolicy = pullPolicy == null ? "" : pullPolicy;
    }

    /**
     * A {@code depends_on} entry.
     *
     * @param condition {@code service_started}, {@code service_healthy} or {@code service_completed_successfully}
     * @param required  false: a dependency that is missing or fails to start is skipped with a warning
     * @param restart   recreate/restart this service when the dependency is recreated/restarted
     */
    public record Dependency(String condition, boolean required, boolean restart) {
        public static final String STARTED = "service_started";
        public static final String HEALTHY = "service_healthy";
        public static final String COMPLETED = "service_completed_successfully";
    }
}
