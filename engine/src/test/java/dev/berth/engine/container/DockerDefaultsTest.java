package dev.berth.engine.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DockerDefaultsTest {

    @Test
    void theDefaultSetIsTheCapEffDockerContainersShow() {
        Set<Capability> caps = DockerDefaults.capabilities(false, List.of(), List.of());
        assertEquals(14, caps.size());
        assertEquals(0xa80425fbL, Capability.mask(caps), "grep CapEff /proc/self/status in a default Docker container");
    }

    @Test
    void addAndDropTakeAnySpelling() {
        Set<Capability> caps = DockerDefaults.capabilities(false, List.of("net_admin", "CAP_SYS_PTRACE"), List.of("MKNOD", "cap_net_raw"));
        assertTrue(caps.contains(Capability.NET_ADMIN) && caps.contains(Capability.SYS_PTRACE));
        assertFalse(caps.contains(Capability.MKNOD) || caps.contains(Capability.NET_RAW));
    }

    @Test
    void allAndPrivileged() {
        assertEquals(Set.of(Capability.CHOWN), DockerDefaults.capabilities(false, List.of("CHOWN"), List.of("ALL")),
                "an explicit add survives --cap-drop ALL");
        assertEquals(Capability.values().length, DockerDefaults.capabilities(false, List.of("ALL"), List.of()).size());
        assertEquals(Capability.values().length, DockerDefaults.capabilities(true, List.of(), List.of("ALL")).size());
    }

    @Test
    void unknownNamesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DockerDefaults.capabilities(false, List.of("FLY"), List.of()));
        assertTrue(e.getMessage().contains("unknown capability FLY"), e.getMessage());
    }
}
