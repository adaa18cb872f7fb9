package dev.berth.cli.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.container.Mount;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --mount} read as the Docker CLI reads it. */
class MountArgumentTest {

    @Test
    void theThreeTypesWithTheirOptions() {
        assertEquals(new Mount("bind", "/srv", "/www", true, new Mount.BindOptions("rshared", false), null, null),
                MountArgument.parse("type=bind,src=/srv,dst=/www,readonly,bind-propagation=rshared"));
        assertEquals(new Mount("volume", "data", "/d", false, null,
                        new Mount.VolumeOptions(true, Map.of("a", "b"), new Mount.DriverConfig("local", Map.of("type", "tmpfs", "o", "size=1m,uid=1")), null), null),
                MountArgument.parse("source=data,target=/d,volume-nocopy=true,volume-label=a=b,volume-driver=local,volume-opt=type=tmpfs,\"volume-opt=o=size=1m,uid=1\""));
        assertEquals(new Mount("tmpfs", "", "/t", false, null, null, new Mount.TmpfsOptions(64L << 20, 01770)),
                MountArgument.parse("type=tmpfs,destination=/t,tmpfs-size=64m,tmpfs-mode=1770"));
        assertEquals(Mount.VOLUME, MountArgument.parse("target=/anon").type(), "the default type is volume");
        assertEquals(false, MountArgument.parse("type=bind,source=/a,target=/b,ro=false").readOnly());
    }

    @Test
    void errorsAsDockersCli() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MountArgument.parse("type=bind,source=/a"));
        assertTrue(e.getMessage().endsWith("target is required"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MountArgument.parse("type=bind,src=/a,dst=/b,colour=red"));
        assertTrue(e.getMessage().contains("unexpected key 'colour'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MountArgument.parse("type=tmpfs,dst=/b,volume-nocopy"));
        assertEquals("cannot mix 'volume-*' options with mount type 'tmpfs'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MountArgument.parse("source"));
        assertEquals(List.of("a", "b,c", "d\"e"), MountArgument.csv("a,\"b,c\",\"d\"\"e\""));
    }
}
