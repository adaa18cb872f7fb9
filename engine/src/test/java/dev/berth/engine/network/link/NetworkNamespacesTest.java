package dev.berth.engine.network.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.sys.MountTable;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Named network namespaces on the real kernel, as root; each test leaves no file and no mount. */
class NetworkNamespacesTest {

    private Path dir;
    private NetworkNamespaces namespaces;
    private String name;

    @BeforeEach
    void setUp() throws Exception {
        LinkTestSupport.assumeRootWithLinks();
        dir = Files.createTempDirectory("berth-netns-test").resolve("netns");
        namespaces = new NetworkNamespaces(dir);
        name = LinkTestSupport.uniquePrefix() + "-ns";
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (namespaces == null) return;
        for (String n : namespaces.list()) namespaces.delete(n);
        namespaces.releaseDirectory();
        assertEquals(List.of(), MountTable.mountsUnder(dir.getParent()), "mounts left behind");
        LinkTestSupport.deleteTree(dir.getParent());
    }

    @Test
    void createdNamespaceIsABindMountedFileWithItsOwnLoopbackUp() throws Exception {
        Path file = namespaces.create(name);

        assertEquals(dir.resolve(name), file);
        assertTrue(MountTable.isMountPoint(file), "the namespace file is a mount point");
        assertTrue(namespaces.exists(name));
        assertEquals(List.of(name), namespaces.list());
        assertNotEquals(Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString(), nsOf(file),
                "a new namespace, not the host's");
        List<LinkInfo> inside = NetNs.run(file, () -> {
            try (Links links = Links.open()) {
                return links.list();
            }
        });
        assertEquals(List.of("lo"), inside.stream().map(LinkInfo::name).toList(), "a fresh namespace has only lo");
        assertTrue(inside.getFirst().up(), "lo is up");
    }

    @Test
    void theDirectoryIsAPrivateMountOfItsOwn() throws Exception {
        namespaces.create(name);

        String line = Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                .filter(l -> l.split(" ")[4].equals(dir.toString())).findFirst()
                .orElseThrow(() -> new AssertionError(dir + " is not a mount point"));
        // optional fields between the mount options and " - ": shared:N / master:N when not private
        String optional = line.substring(0, line.indexOf(" - ")).split(" ", 7).length > 6
                ? line.substring(0, line.indexOf(" - ")).split(" ", 7)[6] : "";
        assertFalse(optional.contains("shared:") || optional.contains("master:"), "propagation of " + dir + ": " + line);
    }

    @Test
    void deleteRemovesFileAndMountAndIsIdempotent() throws Exception {
        Path file = namespaces.create(name);

        namespaces.delete(name);

        assertFalse(Files.exists(file));
        assertFalse(MountTable.isMountPoint(file));
        assertFalse(namespaces.exists(name));
        namespaces.delete(name); // nothing to delete: no error
    }

    @Test
    void creatingTheSameNameTwiceFailsNamingItAndKeepsTheFirst() throws Exception {
        Path file = namespaces.create(name);
        String before = nsOf(file);

        var e = assertThrows(FileAlreadyExistsException.class, () -> namespaces.create(name));

        assertTrue(e.getMessage().contains(name) && e.getMessage().contains("exists already"), e.getMessage());
        assertEquals(before, nsOf(file), "the first namespace is untouched");
    }

    /**
     * A mount namespace made after the netns file (here unshare -m, propagation unchanged, like a
     * container before it pivots) holds a copy of its bind mount, which propagation cannot reach
     * (the directory is private); deleting must still remove that copy, or the namespace would
     * live on there: unlinking the file does it (the kernel detaches mounts on an unlinked file in
     * every mount namespace, Linux 3.18+). Fails if delete only unmounted.
     */
    @Test
    void deleteAlsoUnmountsTheCopyInAMountNamespaceMadeLater() throws Exception {
        Path file = namespaces.create(name);
        Path unshare = Path.of("/usr/bin/unshare");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(unshare), "skipped: no /usr/bin/unshare");
        Process other = new ProcessBuilder(unshare.toString(), "-m", "--propagation", "unchanged",
                LinkTestSupport.BUSYBOX.toString(), "sleep", "30").start();
        try {
            Path mountinfo = Path.of("/proc", Long.toString(other.pid()), "mountinfo");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!Files.readString(mountinfo).contains(file.toString()) || !inOtherMountNs(other)) {
                if (System.nanoTime() > deadline) throw new AssertionError("unshare -m did not start");
                Thread.sleep(10);
            }

            namespaces.delete(name);

            assertFalse(Files.readString(mountinfo).contains(file.toString()),
                    "the copy in the other mount namespace is gone too:\n" + Files.readString(mountinfo));
        } finally {
            other.destroyForcibly();
            other.waitFor();
        }
    }

    private static boolean inOtherMountNs(Process p) throws Exception {
        Path mnt = Path.of("/proc", Long.toString(p.pid()), "ns", "mnt");
        return !Files.readSymbolicLink(mnt).equals(Files.readSymbolicLink(Path.of("/proc/self/ns/mnt")));
    }

    /** The {@code net:[inode]} of a namespace file, as seen from a thread inside it. */
    private static String nsOf(Path file) throws Exception {
        return NetNs.run(file, () -> Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")).toString());
    }
}
