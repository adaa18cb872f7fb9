package dev.berth.engine.network.link;

import static dev.berth.engine.network.link.LinksTest.ipv4;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.engine.sys.MountTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * What a container's network costs at start: a named netns (lo up), a veth pair with the peer made
 * in it, the host end on the bridge and up, then inside eth0 renamed, addressed, up, default route.
 * Median of 50 after 10 warm-up runs; teardown (delete veth, delete netns) timed apart. Prints the
 * figures; asserts only that everything is gone.
 */
@EnabledIfSystemProperty(named = "berth.bench", matches = "true", disabledReason = "a benchmark: run with -Dberth.bench=true")
class NetworkSetupBenchmark {

    private static final int WARM_UP = 10;
    private static final int RUNS = 50;

    @Test
    void containerNetworkSetup() throws Exception {
        LinkTestSupport.assumeRootWithLinks();
        String prefix = LinkTestSupport.uniquePrefix();
        Path dir = Files.createTempDirectory("berth-netbench").resolve("netns");
        NetworkNamespaces namespaces = new NetworkNamespaces(dir);
        String bridge = prefix + "-br";
        long[] netns = new long[RUNS];
        long[] veth = new long[RUNS];
        long[] hostSide = new long[RUNS];
        long[] total = new long[RUNS];
        long[] teardown = new long[RUNS];
        try (Links links = Links.open()) {
            links.createBridge(bridge, 1500);
            links.addAddress(bridge, ipv4("10.250.8.1"), 24);
            links.setUp(bridge);
            for (int i = 0; i < WARM_UP + RUNS; i++) {
                String name = prefix + "-" + i;
                long t0 = System.nanoTime();
                Path ns = namespaces.create(name);
                long t1 = System.nanoTime();
                String peer = prefix + "p" + i;
                links.createVethPair(name, peer, 1500, ns);
                long tv = System.nanoTime();
                links.setMaster(name, bridge);
                links.setUp(name);
                long th = System.nanoTime();
                int host = 2 + i % 200;
                NetNs.run(ns, () -> {
                    try (Links inside = Links.open()) {
                        inside.rename(peer, "eth0");
                        inside.addAddress("eth0", ipv4("10.250.8." + host), 24);
                        inside.setUp("eth0");
                        inside.addDefaultRoute(ipv4("10.250.8.1"));
                    }
                    return null;
                });
                long t2 = System.nanoTime();
                links.delete(name);
                namespaces.delete(name);
                long t3 = System.nanoTime();
                if (i >= WARM_UP) {
                    netns[i - WARM_UP] = t1 - t0;
                    veth[i - WARM_UP] = tv - t1;
                    hostSide[i - WARM_UP] = th - tv;
                    total[i - WARM_UP] = t2 - t0;
                    teardown[i - WARM_UP] = t3 - t2;
                }
            }
            links.delete(bridge);
        } finally {
            for (String n : namespaces.list()) namespaces.delete(n);
            namespaces.releaseDirectory();
        }
        System.out.printf("container network setup (netns + veth + eth0 + address + route), %d runs: median %.2f ms, p90 %.2f ms, min %.2f ms%n",
                RUNS, ms(median(total)), ms(percentile(total, 90)), ms(Arrays.stream(total).min().orElseThrow()));
        System.out.printf("  of which netns create (unshare, bind mount, lo up): median %.2f ms%n", ms(median(netns)));
        System.out.printf("  veth pair (peer into the netns): median %.2f ms; host end to bridge + up: median %.2f ms;"
                + " inside (thread, rename, address, up, route): median %.2f ms%n", ms(median(veth)), ms(median(hostSide)),
                ms(median(minus(total, netns, veth, hostSide))));
        System.out.printf("  teardown (delete veth, delete netns): median %.2f ms%n", ms(median(teardown)));
        LinkTestSupport.assertNoLinks(prefix);
        assertEquals(List.of(), MountTable.mountsUnder(dir.getParent()));
        LinkTestSupport.deleteTree(dir.getParent());
    }

    /**
     * Teardown without RTM_DELLINK: deleting the netns alone lets the kernel destroy the peer and
     * with it the host end, asynchronously (netns cleanup work). Times the call and until the host
     * end is gone (its name free again).
     */
    @Test
    void teardownByDeletingTheNamespaceOnly() throws Exception {
        LinkTestSupport.assumeRootWithLinks();
        String prefix = LinkTestSupport.uniquePrefix();
        Path dir = Files.createTempDirectory("berth-netbench").resolve("netns");
        NetworkNamespaces namespaces = new NetworkNamespaces(dir);
        long[] call = new long[RUNS];
        long[] gone = new long[RUNS];
        try (Links links = Links.open()) {
            for (int i = 0; i < WARM_UP + RUNS; i++) {
                String name = prefix + "-" + i;
                Path ns = namespaces.create(name);
                links.createVethPair(name, prefix + "p" + i, 1500, ns);
                links.setUp(name);
                long t0 = System.nanoTime();
                namespaces.delete(name);
                long t1 = System.nanoTime();
                while (links.find(name).isPresent()) Thread.sleep(0, 200_000);
                long t2 = System.nanoTime();
                if (i >= WARM_UP) {
                    call[i - WARM_UP] = t1 - t0;
                    gone[i - WARM_UP] = t2 - t0;
                }
            }
        } finally {
            for (String n : namespaces.list()) namespaces.delete(n);
            namespaces.releaseDirectory();
        }
        System.out.printf("teardown by netns delete only, %d runs: the call median %.2f ms; host end gone after median %.2f ms, p90 %.2f ms%n",
                RUNS, ms(median(call)), ms(median(gone)), ms(percentile(gone, 90)));
        LinkTestSupport.assertNoLinks(prefix);
        assertEquals(List.of(), MountTable.mountsUnder(dir.getParent()));
        LinkTestSupport.deleteTree(dir.getParent());
    }

    private static long[] minus(long[] total, long[]... parts) {
        long[] out = total.clone();
        for (long[] part : parts) for (int i = 0; i < out.length; i++) out[i] -= part[i];
        return out;
    }

    private static long median(long[] values) {
        return percentile(values, 50);
    }

    private static long percentile(long[] values, int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * p / 100)];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
