package dev.berth.engine.network.firewall;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Kernel objects for firewall tests, made with the {@code ip} command (production code uses netlink): bridges, network
 * namespaces with a veth into a bridge, and processes run inside a namespace. Every name starts with {@code bt-};
 * {@link #close} removes everything this sandbox made and {@link #leftovers} proves it.
 */
final class Sandbox implements AutoCloseable {

    private final List<String> namespaces = new ArrayList<>();
    private final List<String> links = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    static boolean usable() {
        return "root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/sbin/ip"))
                && Files.isExecutable(Path.of("/usr/bin/busybox")) && NftCommand.available();
    }

    /** A bridge with {@code gatewayCidr} ("10.251.1.1/24") on it, up. */
    void bridge(String name, String gatewayCidr) {
        forget(name, null);
        sh("ip", "link", "add", name, "type", "bridge");
        links.add(name);
        sh("ip", "addr", "add", gatewayCidr, "dev", name);
        sh("ip", "link", "set", name, "up");
    }

    /** A namespace whose eth0 (the other end of veth {@code hostEnd}) has {@code cidr}; default route via {@code gateway}. */
    void namespace(String ns, String hostEnd, String bridgeOrNull, String cidr, String gateway) {
        forget(hostEnd, ns);
        sh("ip", "netns", "add", ns);
        namespaces.add(ns);
        sh("ip", "link", "add", hostEnd, "type", "veth", "peer", "name", "eth0", "netns", ns);
        links.add(hostEnd);
        if (bridgeOrNull != null) sh("ip", "link", "set", hostEnd, "master", bridgeOrNull);
        sh("ip", "link", "set", hostEnd, "up");
        sh("ip", "-n", ns, "addr", "add", cidr, "dev", "eth0");
        sh("ip", "-n", ns, "link", "set", "eth0", "up");
        sh("ip", "-n", ns, "link", "set", "lo", "up");
        if (gateway != null) sh("ip", "-n", ns, "route", "add", "default", "via", gateway);
    }

    /** Removes what a crashed earlier run may have left under these names (its leftovers would fail this run). */
    private static void forget(String link, String ns) {
        try {
            if (Files.exists(Path.of("/sys/class/net", link))) run(null, "ip", "link", "del", link);
            if (ns != null && Files.exists(Path.of("/run/netns", ns))) run(null, "ip", "netns", "del", ns);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** An address on a link this sandbox made (e.g. the host end of an "outside" veth). */
    void address(String link, String cidr) {
        sh("ip", "addr", "add", cidr, "dev", link);
    }

    /** busybox httpd in {@code ns} on {@code ip:port} serving /index.html ("hello from NS") and /cgi-bin/ip (the client's address). */
    void httpd(String ns, String ip, int port, Path dir) throws Exception {
        Files.createDirectories(dir.resolve("cgi-bin"));
        Files.writeString(dir.resolve("index.html"), "hello from " + ns + "\n");
        Path cgi = dir.resolve("cgi-bin/ip");
        Files.writeString(cgi, "#!/bin/sh\necho 'Content-Type: text/plain'\necho\necho \"$REMOTE_ADDR\"\n");
        cgi.toFile().setExecutable(true);
        Process p = new ProcessBuilder("ip", "netns", "exec", ns, "busybox", "httpd", "-f", "-p", ip + ":" + port, "-h", dir.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        processes.add(p);
        for (int i = 0; i < 100; i++) {
            if (get(ns, "http://" + ip + ":" + port + "/index.html") != null) return;
            Thread.sleep(50);
        }
        throw new IllegalStateException("busybox httpd in " + ns + " did not answer on " + ip + ":" + port);
    }

    record Result(int exit, String out) {
        boolean ok() {
            return exit == 0;
        }
    }

    /** Runs a command inside {@code ns} (null: on the host), 10 s at most. */
    static Result run(String ns, String... cmd) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (ns != null) full.addAll(List.of("ip", "netns", "exec", ns));
        full.addAll(List.of(cmd));
        Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            return new Result(-1, "timed out: " + full);
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** One ping, one second to answer. */
    static boolean ping(String ns, String ip) throws Exception {
        return run(ns, "busybox", "ping", "-c", "1", "-W", "1", ip).ok();
    }

    /** An HTTP GET from inside {@code ns}: the body, or null when it failed (2 s timeout; busybox 1.35's wget -T crashes). */
    static String get(String ns, String url) throws Exception {
        Result r = run(ns, "timeout", "2", "busybox", "wget", "-q", "-O", "-", url);
        return r.ok() ? r.out().strip() : null;
    }

    private static void sh(String... cmd) {
        try {
            Result r = run(null, cmd);
            if (!r.ok()) throw new IllegalStateException(String.join(" ", cmd) + " failed: " + r.out());
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", cmd) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Names of this sandbox's links and namespaces still present (empty after {@link #close}). */
    List<String> leftovers() throws Exception {
        List<String> left = new ArrayList<>();
        for (String l : links) if (Files.exists(Path.of("/sys/class/net", l))) left.add("link " + l);
        for (String ns : namespaces) if (Files.exists(Path.of("/run/netns", ns))) left.add("netns " + ns);
        for (Process p : processes) if (p.isAlive()) left.add("process " + p.pid());
        return left;
    }

    @Override
    public void close() throws Exception {
        for (Process p : processes) {
            p.destroy();
            if (!p.waitFor(5, TimeUnit.SECONDS)) p.destroyForcibly().waitFor();
        }
        for (String l : links) run(null, "ip", "link", "del", l);
        for (String ns : namespaces) run(null, "ip", "netns", "del", ns);
    }
}
