package dev.berth.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What of an engine is still on the host: its containers' cgroups, mounts under its directories,
 * network namespaces, its nftables table, berth's bridges and veths, processes started from its
 * directories. The check every engine test ends with (and a diagnosis for a user): empty means
 * nothing was left behind. Veths are waited for a little: the kernel takes them with their
 * namespace in its own time (~30 ms).
 */
public final class HostLeftovers {

    private HostLeftovers() {
    }

    /** One line per leftover; {@code dir}: the directory the engine's root and run live in (a test's). */
    public static List<String> of(EngineRoots roots, Path dir) throws IOException {
        List<String> left = new ArrayList<>();
        try (Stream<Path> hierarchies = Files.list(Path.of("/sys/fs/cgroup"))) {
            for (Path hierarchy : hierarchies.toList()) {
                Path parent = hierarchy.resolve(roots.cgroupParent());
                if (!Files.isDirectory(parent)) continue;
                try (Stream<Path> children = Files.list(parent)) {
                    children.filter(Files::isDirectory).forEach(c -> left.add("cgroup " + c));
                }
            }
        }
        Files.readString(Path.of("/proc/self/mountinfo")).lines().filter(l -> l.contains(dir.toString()))
                .forEach(l -> left.add("mount " + l));
        Path netns = roots.run().resolve("netns");
        if (Files.isDirectory(netns)) {
            try (Stream<Path> files = Files.list(netns)) {
                files.forEach(f -> left.add("network namespace " + f));
            }
        }
        String table = roots.cgroupParent().replace('-', '_');
        for (String p : List.of("/usr/sbin/nft", "/sbin/nft")) {
            if (!Files.isExecutable(Path.of(p))) continue;
            Process nft = new ProcessBuilder(p, "list", "tables").redirectErrorStream(true).start();
            String tables = new String(nft.getInputStream().readAllBytes());
            if (tables.lines().anyMatch(l -> l.strip().equals("table ip " + table))) left.add("nftables table ip " + table);
            break;
        }
        left.addAll(links(roots.run().resolve(dev.berth.engine.network.NetworkService.LINK_LEDGER)));
        ProcessHandle.allProcesses().filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> p.info().commandLine().map(c -> c.contains(dir.toString())).orElse(false))
                .forEach(p -> left.add("process " + p.pid() + " " + p.info().commandLine().orElse("")));
        return left;
    }

    /** The links the engine noted in its ledger that still exist (a namespace's end takes its veths in the kernel's time: a moment's grace). */
    private static List<String> links(Path ledger) throws IOException {
        if (!Files.exists(ledger)) return List.of();
        java.util.Set<String> made = new java.util.HashSet<>(Files.readAllLines(ledger));
        List<String> ours = List.of();
        for (int i = 0; i < 60; i++) {
            try (Stream<Path> links = Files.list(Path.of("/sys/class/net"))) {
                ours = links.map(p -> p.getFileName().toString()).filter(made::contains).map(n -> "link " + n).toList();
            }
            if (ours.isEmpty()) return ours;
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return ours;
    }
}
