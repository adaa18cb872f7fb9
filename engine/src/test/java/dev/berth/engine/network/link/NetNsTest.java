package dev.berth.engine.network.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.sys.MountTable;
import dev.berth.engine.sys.SyscallException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link NetNs#run}: the work runs on its own thread inside the namespace, and so do processes it starts. */
class NetNsTest {

    private static final Path SELF_NET = Path.of("/proc/thread-self/ns/net");

    private Path dir;
    private NetworkNamespaces namespaces;
    private Path ns;

    @BeforeEach
    void setUp() throws Exception {
        LinkTestSupport.assumeRootWithLinks();
        dir = Files.createTempDirectory("berth-netns-run-test").resolve("netns");
        namespaces = new NetworkNamespaces(dir);
        ns = namespaces.create(LinkTestSupport.uniquePrefix() + "-ns");
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
    void workRunsOnAnotherPlatformThreadInTheNamespaceAndTheCallerStaysOut() throws Exception {
        String callerBefore = Files.readSymbolicLink(SELF_NET).toString();
        Thread caller = Thread.currentThread();

        String inside = NetNs.run(ns, () -> {
            assertNotEquals(caller, Thread.currentThread());
            assertTrue(!Thread.currentThread().isVirtual(), "a platform thread");
            return Files.readSymbolicLink(SELF_NET).toString();
        });

        assertNotEquals(callerBefore, inside);
        assertEquals(callerBefore, Files.readSymbolicLink(SELF_NET).toString(), "the caller never moved");
        assertEquals(inside, NetNs.run(ns, () -> Files.readSymbolicLink(SELF_NET).toString()), "the same namespace again");
    }

    /**
     * The JDK starts processes with posix_spawn (or vfork) from the calling thread, and a child
     * inherits the namespaces of the thread that cloned it: a process started inside run() is in
     * the namespace, no nsenter needed.
     */
    @Test
    void aProcessStartedInsideIsInTheNamespace() throws Exception {
        String inside = NetNs.run(ns, () -> Files.readSymbolicLink(SELF_NET).toString());

        LinkTestSupport.Result child = NetNs.run(ns, () -> LinkTestSupport.run(
                List.of(LinkTestSupport.BUSYBOX.toString(), "readlink", "/proc/self/ns/net")));
        LinkTestSupport.Result outside = LinkTestSupport.run(
                List.of(LinkTestSupport.BUSYBOX.toString(), "readlink", "/proc/self/ns/net"));

        assertEquals(inside, child.output().strip(), "launch mechanism " + System.getProperty("jdk.lang.Process.launchMechanism"));
        assertNotEquals(inside, outside.output().strip());
    }

    @Test
    void exceptionsComeOutAsThrown() {
        IOException thrown = new IOException("from inside");
        assertSame(thrown, assertThrows(IOException.class, () -> NetNs.run(ns, () -> {
            throw thrown;
        })));
        IllegalStateException unchecked = new IllegalStateException("unchecked");
        assertSame(unchecked, assertThrows(IllegalStateException.class, () -> NetNs.run(ns, () -> {
            throw unchecked;
        })));
    }

    @Test
    void aMissingNamespaceFileIsNamed() {
        Path missing = dir.resolve("nope");
        SyscallException e = assertThrows(SyscallException.class, () -> NetNs.run(missing, () -> "never"));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }
}
