package dev.berth.engine.image.layer;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Layers need root (device nodes, trusted.* xattrs, chown) and overlay mounts need overlayfs. */
final class RootOnly {

    private RootOnly() {}

    static void assumeRoot() throws IOException {
        int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        assumeTrue(uid == 0, "skipped: unpacking layers needs root (mknod, trusted.overlay xattrs, chown); run the tests as root");
    }

    static void assumeOverlay() throws IOException {
        assumeRoot();
        assumeTrue(Files.readString(Path.of("/proc/filesystems")).contains("\toverlay\n"),
                "skipped: the kernel has no overlay filesystem (try `modprobe overlay`)");
    }
}
