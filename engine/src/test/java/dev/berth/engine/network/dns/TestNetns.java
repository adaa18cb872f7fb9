package dev.berth.engine.network.dns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A test's own network namespace joined to the host by a veth pair, standing in for a container on a
 * bridge network until the network package exists: the host end has {@code gateway()} (where the DNS
 * server listens, as in berthd), the namespace end {@code container()}. Made with iproute2; every
 * name starts with {@code berth}/{@code bt-} and {@link #close()} removes both and checks they are gone.
 */
final class TestNetns implements AutoCloseable {

    private static final Path IP = Path.of("/usr/sbin/ip");

    final String name;
    final String hostLink;
    final String subnetPrefix; // "10.253.N."

    private TestNetns(String name, String hostLink, String subnetPrefix) {
        this.name = name;
        this.hostLink = hostLink;
        this.subnetPrefix = subnetPrefix;
    }

    /** Why namespaces cannot be made here, or null when they can. */
    static String unavailable() {
        if (!Files.isExecutable(IP)) return "iproute2 (/usr/sbin/ip) is not installed";
        if (!"root".equals(System.getProperty("user.name"))) return "needs root to make a network namespace";
        return null;
    }

    static TestNetns create() throws IOException, InterruptedException {
        String tag = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
        int third = ThreadLocalRandom.current().nextInt(1, 250);
        TestNetns ns = new TestNetns("berth-dnstest-" + tag, "bt-dns" + tag + "h", "10.253." + third + ".");
        String peer = "bt-dns" + tag + "c";
        try {
            ns.ip("netns", "add", ns.name);
            ns.ip("link", "add", ns.hostLink, "type", "veth", "peer", "name", peer);
            ns.ip("link", "set", peer, "netns", ns.name);
            ns.ip("addr", "add", ns.gateway() + "/24", "dev", ns.hostLink);
            ns.ip("link", "set", ns.hostLink, "up");
            ns.ip("-n", ns.name, "addr", "add", ns.container() + "/24", "dev", peer);
            ns.ip("-n", ns.name, "link", "set", peer, "up");
            ns.ip("-n", ns.name, "link", "set", "lo", "up");
        } catch (IOException | RuntimeException e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    String gateway() {
        return subnetPrefix + "1";
    }

    String container() {
        return subnetPrefix + "2";
    }

    /** Runs {@code command} inside the namespace; returns exit code and output (stdout+stderr). */
    Result exec(String... command) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of(IP.toString(), "netns", "exec", name));
        argv.addAll(List.of(command));
        return run(argv);
    }

    record Result(int exitCode, String output) {}

    private void ip(String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of(IP.toString()));
        argv.addAll(List.of(args));
        Result r = run(argv);
        if (r.exitCode() != 0) throw new IOException(String.join(" ", argv) + " failed (" + r.exitCode() + "): " + r.output());
    }

    private static Result run(List<String> argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", argv) + ": still running after 120 s");
        }
        return new Result(p.exitValue(), out);
    }

    boolean exists() throws IOException, InterruptedException {
        boolean link = run(List.of(IP.toString(), "link", "show", hostLink)).exitCode() == 0;
        boolean netns = run(List.of(IP.toString(), "netns", "list")).output().contains(name);
        return link || netns;
    }

    /** Deletes the namespace (which takes the veth pair with it) and the host end if still there. */
    @Override
    public void close() throws IOException, InterruptedException {
        run(List.of(IP.toString(), "netns", "delete", name));
        run(List.of(IP.toString(), "link", "delete", hostLink)); // normally gone with its peer already
        if (exists()) throw new IOException("test netns " + name + " or link " + hostLink + " is still there after removal");
    }
}
