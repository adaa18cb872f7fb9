package dev.berth.engine.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CapabilitiesTest {

    @Test
    void dockersDefaultSetIsTheCapEffDockerContainersShow() {
        Set<String> caps = Capabilities.effective(false, List.of(), List.of());
        assertEquals(14, caps.size());
        // what `grep CapEff /proc/self/status` prints in a default Docker container
        assertEquals(0xa80425fbL, Capabilities.mask(caps));
    }

    @Test
    void addAndDropTakeAnySpelling() {
        Set<String> caps = Capabilities.effective(false, List.of("net_admin", "CAP_SYS_PTRACE"), List.of("MKNOD", "cap_net_raw"));
        assertTrue(caps.contains("CAP_NET_ADMIN") && caps.contains("CAP_SYS_PTRACE"));
        assertFalse(caps.contains("CAP_MKNOD") || caps.contains("CAP_NET_RAW"));
    }

    @Test
    void allAndPrivileged() {
        assertEquals(Set.of("CAP_CHOWN"), Capabilities.effective(false, List.of("CHOWN"), List.of("ALL")),
                "an explicit add survives --cap-drop ALL");
        assertEquals(Capabilities.ALL.size(), Capabilities.effective(false, List.of("ALL"), List.of()).size());
        assertEquals(Capabilities.ALL.size(), Capabilities.effective(true, List.of(), List.of("ALL")).size());
    }

    @Test
    void unknownNamesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Capabilities.effective(false, List.of("FLY"), List.of()));
        assertTrue(e.getMessage().contains("unknown capability \"FLY\""), e.getMessage());
    }
}
