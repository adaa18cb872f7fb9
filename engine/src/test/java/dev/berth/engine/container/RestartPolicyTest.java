package dev.berth.engine.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RestartPolicyTest {

    @Test
    void parsesDockersForms() {
        assertEquals(RestartPolicy.NO, RestartPolicy.parse("no"));
        assertEquals(new RestartPolicy("on-failure", 2), RestartPolicy.parse("on-failure:2"));
        assertEquals(new RestartPolicy("unless-stopped", 0), RestartPolicy.parse("unless-stopped"));
        assertThrows(IllegalArgumentException.class, () -> RestartPolicy.parse("always:3"));
        assertThrows(IllegalArgumentException.class, () -> RestartPolicy.parse("sometimes"));
        assertThrows(IllegalArgumentException.class, () -> RestartPolicy.parse("on-failure:-1"));
    }

    @Test
    void onFailureTwiceRestartsTwiceThenStays() {
        RestartPolicy p = RestartPolicy.parse("on-failure:2");
        assertTrue(p.restarts(1, 0, false));
        assertTrue(p.restarts(1, 1, false));
        assertFalse(p.restarts(1, 2, false), "two restarts done");
        assertFalse(p.restarts(0, 0, false), "success is not a failure");
        assertFalse(RestartPolicy.parse("always").restarts(0, 5, true), "a user's stop is final");
        assertTrue(RestartPolicy.parse("always").restarts(0, 5, false));
    }
}
