package dev.berth.engine.network.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Type;

/**
 * Queries per second and latency of the embedded DNS server over loopback, for A queries of
 * container names (the hot path): one client socket keeping a window of queries in flight (the
 * throughput figure, as dnsperf with one client), then one query every millisecond (p50/p99 at
 * 1k qps). If Debian's dnsperf is installed its figure is printed too. A measurement, not a test
 * of speed: it asserts only that every query was answered. Run with
 * {@code mvn -o -pl engine test -Dtest=DnsServerBenchmark -Dberth.bench=true}.
 */
@EnabledIfSystemProperty(named = "berth.bench", matches = "true", disabledReason = "a benchmark: run with -Dberth.bench=true")
class DnsServerBenchmark {

    private static final String ASKER = "127.0.0.2";
    private static final int NAMES = 50;

    @TempDir
    Path tmp;

    @Test
    void queriesPerSecondAndLatency() throws Exception {
        DnsRecords records = new DnsRecords();
        records.put("bench", DnsEntry.of("asker0000000000", "asker", ip(ASKER)));
        for (int i = 0; i < NAMES; i++) {
            records.put("bench", DnsEntry.of("svc" + i + "000000000000", "svc" + i, ip("127.3.0." + (i + 1)), "alias" + i));
        }
        try (DnsServer server = DnsServer.start(records, DnsServerConfig.of(new InetSocketAddress("127.0.0.1", 0), List.of()))) {
            byte[][] queries = new byte[NAMES][];
            for (int i = 0; i < NAMES; i++) queries[i] = DnsTestClient.query("svc" + i, Type.A, 0, i).toWire();
            for (int round = 0; round < 2; round++) { // the first round warms the JIT up
                throughput(server.address(), queries, 5, round == 0 ? 200_000 : 600_000, round == 1);
            }
            latency(server.address(), queries, 10_000);
            dnsperf(server.address());
        }
        dnsperfFromANamespace();
    }

    /**
     * The set-up: dnsperf in its own network namespace (a container's), the server on the
     * gateway address of a veth pair, port 53, in the host's namespace.
     */
    private void dnsperfFromANamespace() throws Exception {
        Path dnsperf = Path.of("/usr/bin/dnsperf");
        String why = TestNetns.unavailable();
        if (why != null || !Files.isExecutable(dnsperf)) {
            System.out.println("dnsperf from a network namespace skipped: " + (why != null ? why : "dnsperf not installed"));
            return;
        }
        try (TestNetns ns = TestNetns.create()) {
            DnsRecords records = new DnsRecords();
            records.put("bench", DnsEntry.of("asker0000000000", "asker", ip(ns.container())));
            for (int i = 0; i < NAMES; i++) {
                records.put("bench", DnsEntry.of("svc" + i + "000000000000", "svc" + i, ip(ns.subnetPrefix + (i + 10)), "alias" + i));
            }
            try (DnsServer server = DnsServer.start(records, DnsServerConfig.of(new InetSocketAddress(ns.gateway(), 53), List.of()))) {
                Path data = queryFile();
                for (List<String> extra : List.of(List.<String>of(), List.of("-Q", "1000"))) {
                    List<String> argv = new java.util.ArrayList<>(List.of("dnsperf", "-s", ns.gateway(), "-d", data.toString(), "-c", "1", "-l", "10"));
                    argv.addAll(extra);
                    TestNetns.Result r = ns.exec(argv.toArray(String[]::new));
                    assertEquals(0, r.exitCode(), r.output());
                    print("dnsperf in a netns -> gateway:53", r.output());
                }
            }
        }
    }

    private Path queryFile() throws IOException {
        Path data = tmp.resolve("queries.txt");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < NAMES; i++) sb.append("svc").append(i).append(" A\n");
        Files.writeString(data, sb);
        return data;
    }

    /** One socket, {@code window} queries in flight; prints answered queries per second. */
    private static void throughput(InetSocketAddress server, byte[][] queries, int seconds, int total, boolean print) throws IOException {
        int window = 64;
        try (DatagramChannel ch = DatagramChannel.open(); Selector sel = Selector.open()) {
            ch.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
            ch.bind(new InetSocketAddress(ASKER, 0));
            ch.connect(server);
            ch.configureBlocking(false);
            ch.register(sel, SelectionKey.OP_READ);
            ByteBuffer in = ByteBuffer.allocateDirect(4096);
            ByteBuffer out = ByteBuffer.allocateDirect(512);
            int sent = 0;
            int received = 0;
            long lost = 0;
            long t0 = System.nanoTime();
            long deadline = t0 + TimeUnit.SECONDS.toNanos(seconds);
            while (received + lost < total && System.nanoTime() < deadline) {
                while (sent - received - lost < window && sent < total) {
                    out.clear();
                    out.put(queries[sent % queries.length]).flip();
                    ch.write(out);
                    sent++;
                }
                if (sel.select(100) == 0) {
                    lost += sent - received - lost; // a drop under load: count it, refill the window
                    continue;
                }
                sel.selectedKeys().clear();
                while (true) {
                    in.clear();
                    if (ch.read(in) <= 0) break;
                    received++;
                }
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            if (print) {
                System.out.printf("berth DNS, A queries over loopback, one client, %d in flight: %,d answered in %.2f s = %,.0f qps (%d lost)%n",
                        window, received, secs, received / secs, lost);
            }
            assertTrue(received > 0);
        }
    }

    /** One query per millisecond, each timed from send to answer; prints p50, p99, max. */
    private static void latency(InetSocketAddress server, byte[][] queries, int count) throws Exception {
        long[] nanos = new long[count];
        try (DatagramChannel ch = DatagramChannel.open()) {
            ch.bind(new InetSocketAddress(ASKER, 0));
            ch.connect(server);
            ByteBuffer in = ByteBuffer.allocateDirect(4096);
            ByteBuffer out = ByteBuffer.allocateDirect(512);
            long next = System.nanoTime();
            for (int i = 0; i < count; i++) {
                next += 1_000_000;
                while (System.nanoTime() < next) Thread.onSpinWait();
                out.clear();
                out.put(queries[i % queries.length]).flip();
                long t0 = System.nanoTime();
                ch.write(out);
                in.clear();
                ch.read(in);
                nanos[i] = System.nanoTime() - t0;
            }
        }
        Arrays.sort(nanos);
        System.out.printf("berth DNS at 1k qps, %d queries: p50 %.3f ms, p99 %.3f ms, max %.3f ms%n",
                count, nanos[count / 2] / 1e6, nanos[count * 99 / 100] / 1e6, nanos[count - 1] / 1e6);
    }

    /** Debian's dnsperf against the same server, if installed: one client as fast as it goes, then at 1k qps (it reports mean and deviation, no percentiles). */
    private void dnsperf(InetSocketAddress server) throws Exception {
        Path dnsperf = Path.of("/usr/bin/dnsperf");
        if (!Files.isExecutable(dnsperf)) {
            System.out.println("dnsperf not installed (apt-get install dnsperf): its figure skipped");
            return;
        }
        Path data = queryFile();
        String port = Integer.toString(server.getPort());
        run(List.of(dnsperf.toString(), "-s", "127.0.0.1", "-p", port, "-a", ASKER, "-d", data.toString(), "-c", "1", "-l", "10"));
        run(List.of(dnsperf.toString(), "-s", "127.0.0.1", "-p", port, "-a", ASKER, "-d", data.toString(), "-c", "1", "-l", "10", "-Q", "1000"));
    }

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), output);
        print("dnsperf", output);
    }

    private static void print(String label, String output) {
        for (String line : output.lines().toList()) {
            if (line.contains("Queries per second") || line.contains("Average Latency") || line.contains("Latency StdDev")
                    || line.contains("Queries lost") || line.contains("Queries completed") || line.startsWith("[Status] Command line")) {
                System.out.println(label + ": " + line.strip());
            }
        }
    }

    private static Inet4Address ip(String s) throws IOException {
        return (Inet4Address) InetAddress.getByName(s);
    }
}
