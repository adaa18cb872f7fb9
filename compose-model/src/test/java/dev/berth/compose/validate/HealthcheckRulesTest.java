package dev.berth.compose.validate;

import static dev.berth.compose.validate.ConsistencyCheckerTest.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthcheckRulesTest {

    @Test
    void behaviour162_startIntervalRequiresStartPeriod() {
        Map<String, Object> error = Values.map(yaml("""
                healthcheck: {test: [CMD, "true"], start_interval: 1s}
                """));
        assertEquals("services.error.healthcheck.start_interval: healthcheck.start_interval requires healthcheck.start_period to be set",
                HealthcheckRules.check("error", error).orElseThrow().toString());
        Map<String, Object> ok = Values.map(yaml("""
                healthcheck: {test: [CMD, "true"], start_interval: 1s, start_period: 30s}
                """));
        assertTrue(HealthcheckRules.check("test", ok).isEmpty());
        assertTrue(HealthcheckRules.check("plain", Map.of("image", "x")).isEmpty());
    }
}
