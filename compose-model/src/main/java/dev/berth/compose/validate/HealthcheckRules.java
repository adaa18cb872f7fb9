package dev.berth.compose.validate;

import dev.berth.compose.ComposeError;
import dev.berth.compose.tree.KeyPath;
import java.util.Map;
import java.util.Optional;

/**
 * Healthcheck rules that {@code docker compose} applies when it creates a container, not when it
 * loads the file: {@code config} accepts the model, {@code up} fails for that service only
 * (behaviour 162, e2e TestStartInterval). The planner calls this per service it creates.
 */
public final class HealthcheckRules {

    private HealthcheckRules() {
    }

    /** An error when {@code start_interval} is set without {@code start_period}. */
    public static Optional<ComposeError> check(String serviceName, Map<String, Object> service) {
        Map<String, Object> healthcheck = Values.map(service.get("healthcheck"));
        if (healthcheck.get("start_interval") != null && healthcheck.get("start_period") == null) {
            return Optional.of(new ComposeError(null, KeyPath.of("services", serviceName, "healthcheck", "start_interval"),
                    "healthcheck.start_interval requires healthcheck.start_period to be set"));
        }
        return Optional.empty();
    }
}
