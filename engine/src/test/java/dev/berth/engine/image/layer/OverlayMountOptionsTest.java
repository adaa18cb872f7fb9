package dev.berth.engine.image.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.sys.Errno;
import dev.berth.engine.sys.RecordingSyscalls;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What OverlayMount asks of the kernel, on a recording fake: no root needed. */
class OverlayMountOptionsTest {

    private static final Path UPPER = Path.of("/c/upper");
    private static final Path WORK = Path.of("/c/work");
    private static final Path TARGET = Path.of("/c/merged");

    @Test
    void fewLayersGoInOneMountCallTopLayerFirst() {
        RecordingSyscalls sys = new RecordingSyscalls();
        new OverlayMount(sys).mount(List.of(Path.of("/l/top"), Path.of("/l/base")), UPPER, WORK, TARGET);
        assertEquals(List.of("mount overlay /c/merged lowerdir=/l/top:/l/base,upperdir=/c/upper,workdir=/c/work"), sys.calls);
    }

    @Test
    void manyLayersGoInOneByOneInTheSameOrder() {
        RecordingSyscalls sys = new RecordingSyscalls();
        List<Path> layers = longLayers(60);
        new OverlayMount(sys).mount(layers, UPPER, WORK, TARGET);
        assertEquals(63, sys.calls.size());
        assertEquals("fsconfig lowerdir+=" + layers.getFirst(), sys.calls.getFirst());
        assertEquals("fsconfig lowerdir+=" + layers.getLast(), sys.calls.get(59));
        assertEquals(List.of("fsconfig upperdir=/c/upper", "fsconfig workdir=/c/work", "fsmount overlay /c/merged"),
                sys.calls.subList(60, 63));
    }

    @Test
    void aKernelWithoutLowerdirPlusGetsAnActionableError() {
        RecordingSyscalls sys = new RecordingSyscalls().failing("fsconfig lowerdir+", Errno.EINVAL);
        OverlayMountException e = assertThrows(OverlayMountException.class,
                () -> new OverlayMount(sys).mount(longLayers(60), UPPER, WORK, TARGET));
        assertTrue(e.getMessage().contains("needs Linux 6.8+") && e.getMessage().contains("shorter BERTH_ROOT"), e.getMessage());
    }

    @Test
    void refusalsCarryAHintForTheErrno() {
        RecordingSyscalls sys = new RecordingSyscalls().failing("mount", Errno.ENODEV);
        OverlayMountException e = assertThrows(OverlayMountException.class,
                () -> new OverlayMount(sys).mount(List.of(Path.of("/l")), UPPER, WORK, TARGET));
        assertTrue(e.getMessage().contains("ENODEV") && e.getMessage().contains("modprobe overlay"), e.getMessage());

        RecordingSyscalls notRoot = new RecordingSyscalls().failing("mount", Errno.EPERM);
        e = assertThrows(OverlayMountException.class,
                () -> new OverlayMount(notRoot).mount(List.of(Path.of("/l")), UPPER, WORK, TARGET));
        assertTrue(e.getMessage().contains("needs root"), e.getMessage());
    }

    @Test
    void unmountDetaches() {
        RecordingSyscalls sys = new RecordingSyscalls();
        new OverlayMount(sys).unmount(TARGET);
        assertEquals(List.of("umount2 /c/merged 2"), sys.calls);
    }

    private static List<Path> longLayers(int n) {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(Path.of("/var/lib/berth/layers/sha256/" + "a".repeat(64) + i));
        return out;
    }
}
