package dev.berth.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.engine.image.build.BusyboxRootfs;
import dev.berth.engine.runtime.shim.ShimSpec;
import dev.berth.engine.sys.Syscalls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --user against layer directories in overlayfs form (whiteouts and opaque markers made on the real
 * filesystem, so root is needed), with the expectations of libcontainer's GetExecUser as Docker uses it.
 */
class ImageUsersTest {

    static final String PASSWD = """
            root:x:0:0:root:/root:/bin/sh
            daemon:x:2:2:daemon:/sbin:/sbin/nologin
            # a comment is no user
            app:x:1000:1000:App:/home/app:/bin/sh
            twin:x:1000:1000::/home/twin:/bin/sh
            nohome:x:1001:1001
            """;
    static final String GROUP = """
            root:x:0:root
            bin:x:1:root,bin,daemon
            wheel:x:10:root,app
            audio:x:29:app
            app:x:1000:
            staff:x:50:
            """;

    @TempDir
    Path dir;
    private final Syscalls sys = Syscalls.linux();
    private final ImageUsers users = new ImageUsers(sys);
    private Path base;

    @BeforeEach
    void asRoot() throws Exception {
        assumeTrue(isRoot(), "skipped: whiteouts (mknod) and opaque markers (trusted.* xattrs) need root");
        base = layer("base");
        Files.createDirectories(base.resolve("etc"));
        Files.writeString(base.resolve("etc/passwd"), PASSWD);
        Files.writeString(base.resolve("etc/group"), GROUP);
    }

    private Path layer(String name) throws Exception {
        return Files.createDirectories(dir.resolve(name));
    }

    private ResolvedUser resolve(String spec, Path... layers) throws Exception {
        return users.resolve(spec, List.of(layers));
    }

    @Test
    void everyFormOfDashUser() throws Exception {
        // empty: root, and the groups that list root (alpine's `id` in Docker shows these)
        assertEquals(new ResolvedUser(0, 0, List.of(0, 1, 10), "/root"), resolve("", base));
        assertEquals(new ResolvedUser(0, 0, List.of(0, 1, 10), "/root"), users.resolve(null, List.of(base)));
        assertEquals(new ResolvedUser(1000, 1000, List.of(1000, 10, 29), "/home/app"), resolve("app", base));
        // a number is an ID: the first line with it wins (app, not twin)
        assertEquals(new ResolvedUser(1000, 1000, List.of(1000, 10, 29), "/home/app"), resolve("1000", base));
        assertEquals(new ResolvedUser(1000, 29, List.of(29), "/home/app"), resolve("app:audio", base));
        assertEquals(new ResolvedUser(1000, 4243, List.of(4243), "/home/app"), resolve("app:4243", base));
        assertEquals(new ResolvedUser(1000, 1000, List.of(1000), "/home/app"), resolve("1000:1000", base));
        // HOME follows the UID: twin shares app's UID, so runc's lookup by UID gives app's home
        assertEquals(new ResolvedUser(1000, 1000, List.of(1000), "/home/app"), resolve("twin", base));
        // numeric and unknown: fine, GID 0 unless given, HOME /
        assertEquals(new ResolvedUser(4242, 0, List.of(0), "/"), resolve("4242", base));
        assertEquals(new ResolvedUser(4242, 4243, List.of(4243), "/"), resolve("4242:4243", base));
        assertEquals(new ResolvedUser(4242, 50, List.of(50), "/"), resolve("4242:staff", base));
        assertEquals(new ResolvedUser(0, 29, List.of(29), "/root"), resolve(":audio", base));
        assertEquals(new ResolvedUser(1001, 1001, List.of(1001), ""), resolve("nohome", base));
        assertEquals(new ResolvedUser(2, 2, List.of(2, 1), "/sbin"), resolve("daemon", base));
    }

    @Test
    void unknownNamesFailWithDockersMessages() {
        var e = assertThrows(UnknownUserException.class, () -> resolve("ghost", base));
        assertEquals("unable to find user ghost: no matching entries in passwd file", e.getMessage());
        e = assertThrows(UnknownUserException.class, () -> resolve("app:ghosts", base));
        assertEquals("unable to find group ghosts: no matching entries in group file", e.getMessage());
        e = assertThrows(UnknownUserException.class, () -> resolve("-1", base));
        assertEquals("uids and gids must be in range 0-2147483647", e.getMessage());
        assertThrows(UnknownUserException.class, () -> resolve("2147483648", base));
        assertThrows(UnknownUserException.class, () -> resolve("app:-5", base));
    }

    @Test
    void groupAddTakesNamesAndNumbers() throws Exception {
        assertEquals(List.of(1000, 10, 29, 50, 77), users.resolve("app", List.of("staff", "77", "wheel"), List.of(base))
                .additionalGids());
        var e = assertThrows(UnknownUserException.class, () -> users.resolve("app", List.of("nosuch"), List.of(base)));
        assertEquals("Unable to find group nosuch", e.getMessage());
    }

    @Test
    void noPasswdFileMeansNumbersOnly() throws Exception {
        Path empty = layer("empty");
        assertEquals(new ResolvedUser(0, 0, List.of(0), "/"), resolve("", empty));
        assertEquals(new ResolvedUser(5, 6, List.of(6), "/"), resolve("5:6", empty));
        assertThrows(UnknownUserException.class, () -> resolve("app", empty));
    }

    @Test
    void anUpperLayerReplacesTheFile() throws Exception {
        Path top = layer("top");
        Files.createDirectories(top.resolve("etc"));
        Files.writeString(top.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\nnew:x:2000:2000::/srv:/bin/sh\n");
        assertEquals(new ResolvedUser(2000, 2000, List.of(2000), "/srv"), resolve("new", top, base));
        assertThrows(UnknownUserException.class, () -> resolve("app", top, base));
        // the group file still comes from below
        assertEquals(List.of(0, 1, 10), resolve("", top, base).additionalGids());
    }

    @Test
    void aWhiteoutHidesTheFileBelow() throws Exception {
        Path top = layer("top");
        Files.createDirectories(top.resolve("etc"));
        sys.mknod(top.resolve("etc/passwd"), Syscalls.S_IFCHR, 0, 0);
        var e = assertThrows(UnknownUserException.class, () -> resolve("app", top, base));
        assertEquals("unable to find user app: no matching entries in passwd file", e.getMessage());
        assertEquals(new ResolvedUser(1000, 1000, List.of(1000), "/"), resolve("1000:1000", top, base));
        // a whiteout of the whole directory hides both files
        Path top2 = layer("top2");
        sys.mknod(top2.resolve("etc"), Syscalls.S_IFCHR, 0, 0);
        assertEquals(new ResolvedUser(0, 0, List.of(0), "/"), resolve("", top2, base));
        // a real character device (not 0/0) is a file, not a whiteout
        Path top3 = layer("top3");
        Files.createDirectories(top3.resolve("etc"));
        sys.mknod(top3.resolve("etc/group"), Syscalls.S_IFCHR | 0600, 1, 3); // /dev/null: an empty group file
        assertEquals(List.of(0), resolve("", top3, base).additionalGids());
    }

    @Test
    void anOpaqueDirectoryHidesEverythingBelowIt() throws Exception {
        Path top = layer("top");
        Files.createDirectories(top.resolve("etc"));
        Files.writeString(top.resolve("etc/group"), "root:x:0:\nwheel:x:10:app\n");
        sys.lsetxattr(top.resolve("etc"), "trusted.overlay.opaque", new byte[] {'y'});
        assertThrows(UnknownUserException.class, () -> resolve("app", top, base)); // passwd is below the opaque dir
        // without the marker the lower passwd shows through
        sys.lsetxattr(top.resolve("etc"), "trusted.overlay.opaque", new byte[] {'n'});
        assertEquals(List.of(1000, 10), resolve("app", top, base).additionalGids());
    }

    @Test
    void symlinksResolveInsideTheMergedTree() throws Exception {
        // /etc/passwd -> ../usr/lib/passwd in the top layer, the target in the bottom one
        Path top = layer("top");
        Path bottom = layer("bottom");
        Files.createDirectories(top.resolve("etc"));
        Files.createSymbolicLink(top.resolve("etc/passwd"), Path.of("../../../usr/lib/passwd")); // .. stops at /
        Files.createSymbolicLink(top.resolve("etc/group"), Path.of("/usr/lib/group"));
        Files.createDirectories(bottom.resolve("usr/lib"));
        Files.writeString(bottom.resolve("usr/lib/passwd"), PASSWD);
        Files.writeString(bottom.resolve("usr/lib/group"), GROUP);
        assertEquals(new ResolvedUser(1000, 1000, List.of(1000, 10, 29), "/home/app"), resolve("app", top, bottom));

        // a directory symlink on the way, and a loop that ends the lookup instead of hanging it
        Path linked = layer("linked");
        Files.createDirectories(linked.resolve("private/etc"));
        Files.writeString(linked.resolve("private/etc/passwd"), "x:x:7:8::/x:\n");
        Files.createSymbolicLink(linked.resolve("etc"), Path.of("private/etc"));
        assertEquals(new ResolvedUser(7, 8, List.of(8), "/x"), resolve("x", linked));
        Path loop = layer("loop");
        Files.createDirectories(loop.resolve("etc"));
        Files.createSymbolicLink(loop.resolve("etc/passwd"), Path.of("passwd"));
        assertThrows(UnknownUserException.class, () -> resolve("app", loop, base));
        assertEquals(java.util.Optional.empty(), new LayeredRootfs(List.of(loop), sys).find("/etc/passwd"));
    }

    @Test
    void theBusyboxImageRootfs() throws Exception {
        assumeTrue(Files.isExecutable(BusyboxRootfs.DEFAULT_BINARY), "no " + BusyboxRootfs.DEFAULT_BINARY);
        Path rootfs = BusyboxRootfs.create(BusyboxRootfs.DEFAULT_BINARY, dir.resolve("busybox"));
        ResolvedUser nobody = users.resolve("nobody", List.of(rootfs));
        assertEquals(new ResolvedUser(65534, 65534, List.of(65534), "/home"), nobody);
        assertEquals(new ShimSpec.User(65534, 65534, List.of(65534)), nobody.shimUser());
    }

    @Test
    void homeGoesIntoTheEnvironmentOnlyWhenMissing() {
        ResolvedUser app = new ResolvedUser(1000, 1000, List.of(1000), "/home/app");
        assertEquals(List.of("PATH=/bin", "HOME=/home/app"), app.withHome(List.of("PATH=/bin")));
        assertEquals(List.of("HOME=/data"), app.withHome(List.of("HOME=/data")));
        assertEquals(List.of("A=1", "HOME=/home/app"), app.withHome(List.of("HOME=", "A=1")));
    }

    static boolean isRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .anyMatch(l -> l.startsWith("Uid:") && l.split("\\s+")[1].equals("0"));
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
