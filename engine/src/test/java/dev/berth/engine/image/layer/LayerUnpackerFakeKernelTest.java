package dev.berth.engine.image.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.image.Digest;
import dev.berth.engine.sys.RecordingSyscalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whiteout conversion and the order of metadata calls, on a recording fake kernel: no root needed. */
class LayerUnpackerFakeKernelTest {

    @TempDir
    Path tmp;

    @Test
    void whiteoutsAndOpaqueMarkersBecomeKernelCalls() throws IOException {
        RecordingSyscalls sys = new RecordingSyscalls();
        DirectoryLayerStore store = new DirectoryLayerStore(tmp.resolve("layers"), sys, e -> {});
        byte[] tar = new TarBuilder().dir("etc").whiteout("etc/gone").dir("var").opaque("var").build();
        Digest id = TarBuilder.digest(tar);
        Path layer = store.unpack(id, () -> new ByteArrayInputStream(tar));

        List<String> kernel = sys.calls.stream().filter(c -> c.startsWith("mknod") || c.startsWith("lsetxattr"))
                .map(c -> c.replace(tmp.toString(), "T").replaceAll("\\.tmp/[^/]+", "WORK")).toList();
        assertEquals(List.of("mknod T/layers/WORK/etc/gone 20000 0:0",
                "lsetxattr T/layers/WORK/var trusted.overlay.opaque"), kernel);
        assertTrue(Files.isDirectory(layer.resolve("etc")));
    }

    @Test
    void ownerIsSetBeforeModeSoSetuidSurvives() throws IOException {
        RecordingSyscalls sys = new RecordingSyscalls();
        DirectoryLayerStore store = new DirectoryLayerStore(tmp.resolve("layers"), sys, e -> {});
        TarArchiveEntry tool = TarBuilder.entry("tool", TarConstants.LF_NORMAL, 04755);
        tool.setUserId(1000);
        byte[] tar = new TarBuilder().add(tool, new byte[] {1}).build();
        Path layer = store.unpack(TarBuilder.digest(tar), () -> new ByteArrayInputStream(tar));
        assertTrue(sys.calls.getFirst().startsWith("lchown ") && sys.calls.getFirst().endsWith("/tool 1000:0"), sys.calls.toString());
        assertEquals(04755, (Integer) Files.getAttribute(layer.resolve("tool"), "unix:mode") & 07777);
    }

    @Test
    void aFailingCallNamesItselfAndLeavesNothing() throws IOException {
        RecordingSyscalls sys = new RecordingSyscalls().failing("mknod", dev.berth.engine.sys.Errno.EPERM);
        DirectoryLayerStore store = new DirectoryLayerStore(tmp.resolve("layers"), sys, e -> {});
        byte[] tar = new TarBuilder().whiteout("gone").build();
        Digest id = TarBuilder.digest(tar);
        LayerUnpackException e = assertThrows(LayerUnpackException.class,
                () -> store.unpack(id, () -> new ByteArrayInputStream(tar)));
        assertTrue(e.getMessage().startsWith("cannot unpack layer " + id + ": mknod(fake): EPERM"), e.getMessage());
        assertTrue(e.getMessage().contains("run berthd as root"), e.getMessage());
        assertEquals(java.util.Set.of(), store.list());
        try (var s = Files.list(tmp.resolve("layers/.tmp"))) {
            assertEquals(List.of(), s.toList());
        }
    }
}
