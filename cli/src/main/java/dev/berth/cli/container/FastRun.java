package dev.berth.cli.container;

import dev.berth.cli.Failures;
import dev.berth.cli.Invocation;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code berth run}'s thin client path: the usual command lines are read here without picocli,
 * whose start (reflection over the command classes, ~160 Java 5 class files that a CDS archive
 * cannot hold) costs ~90 ms — more than the container's own start. Whatever this reader is not
 * sure of (an unknown or combined option, an attached value, {@code --help}, a bad number) goes
 * to the full command line, so it never reads a line differently: a test holds it to picocli's
 * reading of the same lines.
 */
public final class FastRun {

    private enum Kind { FLAG, VALUE, LIST }

    private record Spec(String key, Kind kind) {}

    private static final Map<String, Spec> OPTIONS = new HashMap<>();

    static {
        option(Kind.FLAG, "rm", "--rm");
        option(Kind.FLAG, "detach", "-d", "--detach");
        option(Kind.VALUE, "name", "--name");
        option(Kind.LIST, "env", "-e", "--env");
        option(Kind.LIST, "envFiles", "--env-file");
        option(Kind.VALUE, "workdir", "-w", "--workdir");
        option(Kind.VALUE, "user", "-u", "--user");
        option(Kind.VALUE, "hostname", "-h", "--hostname");
        option(Kind.VALUE, "entrypoint", "--entrypoint");
        option(Kind.FLAG, "init", "--init");
        option(Kind.LIST, "labels", "-l", "--label");
        option(Kind.VALUE, "memory", "-m", "--memory");
        option(Kind.VALUE, "memorySwap", "--memory-swap");
        option(Kind.VALUE, "cpus", "--cpus");
        option(Kind.VALUE, "cpuShares", "--cpu-shares");
        option(Kind.VALUE, "cpusetCpus", "--cpuset-cpus");
        option(Kind.VALUE, "pidsLimit", "--pids-limit");
        option(Kind.LIST, "capAdd", "--cap-add");
        option(Kind.LIST, "capDrop", "--cap-drop");
        option(Kind.FLAG, "privileged", "--privileged");
        option(Kind.LIST, "securityOpt", "--security-opt");
        option(Kind.FLAG, "readOnly", "--read-only");
        option(Kind.VALUE, "restart", "--restart");
        option(Kind.VALUE, "stopSignal", "--stop-signal");
        option(Kind.VALUE, "stopTimeout", "--stop-timeout");
        option(Kind.LIST, "volumes", "-v", "--volume");
        option(Kind.LIST, "tmpfs", "--tmpfs");
        option(Kind.LIST, "mounts", "--mount");
        option(Kind.LIST, "sysctls", "--sysctl");
        option(Kind.VALUE, "network", "--network", "--net");
        option(Kind.LIST, "publish", "-p", "--publish");
        option(Kind.FLAG, "interactive", "-i", "--interactive");
        option(Kind.FLAG, "tty", "-t", "--tty");
        option(Kind.LIST, "ulimits", "--ulimit");
        option(Kind.VALUE, "domainname", "--domainname");
        option(Kind.LIST, "dns", "--dns");
        option(Kind.LIST, "dnsSearch", "--dns-search");
        option(Kind.LIST, "dnsOptions", "--dns-option");
        option(Kind.LIST, "addHosts", "--add-host");
        option(Kind.LIST, "networkAliases", "--network-alias", "--net-alias");
        option(Kind.VALUE, "healthCmd", "--health-cmd");
        option(Kind.VALUE, "healthInterval", "--health-interval");
        option(Kind.VALUE, "healthTimeout", "--health-timeout");
        option(Kind.VALUE, "healthRetries", "--health-retries");
        option(Kind.VALUE, "healthStartPeriod", "--health-start-period");
        option(Kind.VALUE, "healthStartInterval", "--health-start-interval");
        option(Kind.FLAG, "noHealthcheck", "--no-healthcheck");
    }

    private static void option(Kind kind, String key, String... names) {
        for (String n : names) OPTIONS.put(n, new Spec(key, kind));
    }

    /** The option names this reader knows (a test checks each against picocli's run command). */
    static Map<String, Boolean> namesTakingValue() {
        Map<String, Boolean> out = new HashMap<>();
        OPTIONS.forEach((n, s) -> out.put(n, s.kind() != Kind.FLAG));
        return out;
    }

    private FastRun() {
    }

    /** Runs {@code args} (from {@code run} on) when this reader is sure of them; empty: use the full command line. */
    public static OptionalInt tryRun(Invocation invocation, List<String> args) {
        if (args.isEmpty() || !args.getFirst().equals("run")) return OptionalInt.empty();
        Optional<RunOptions> options = parse(args.subList(1, args.size()));
        if (options.isEmpty()) return OptionalInt.empty();
        PrintWriter out = new PrintWriter(new OutputStreamWriter(invocation.out(), StandardCharsets.UTF_8));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(invocation.err(), StandardCharsets.UTF_8), true);
        try {
            return OptionalInt.of(ContainerRun.run(options.get(), invocation, out, err));
        } catch (Exception e) {
            out.flush();
            return OptionalInt.of(Failures.report(e, err, invocation.debug()));
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The options of {@code run}'s arguments (after the word run), or empty when not sure. */
    static Optional<RunOptions> parse(List<String> args) {
        Map<String, String> values = new HashMap<>();
        Map<String, List<String>> lists = new HashMap<>();
        int i = 0;
        for (; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("-") || a.equals("-")) break; // the image: the rest is the container's command line
            String name = a;
            String attached = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                attached = a.substring(eq + 1);
            }
            Spec spec = OPTIONS.get(name);
            if (spec == null) return Optional.empty(); // unknown, combined (-it), attached short value, --help, --
            if (spec.kind() == Kind.FLAG) {
                if (attached != null) return Optional.empty();
                values.put(spec.key(), "true");
                continue;
            }
            String value = attached;
            if (value == null) {
                if (i + 1 >= args.size() || OPTIONS.containsKey(args.get(i + 1))) return Optional.empty();
                value = args.get(++i);
            }
            if (spec.kind() == Kind.LIST) lists.computeIfAbsent(spec.key(), k -> new ArrayList<>()).add(value);
            else values.put(spec.key(), value);
        }
        if (i >= args.size()) return Optional.empty(); // no image: picocli says what is missing
        try {
            return Optional.of(new RunOptions(flag(values, "rm"), flag(values, "detach"), values.get("name"),
                    list(lists, "env"), list(lists, "envFiles"), values.get("workdir"), values.get("user"),
                    values.get("hostname"), values.get("entrypoint"), flag(values, "init"), list(lists, "labels"),
                    values.get("memory"), values.get("memorySwap"),
                    values.containsKey("cpus") ? Double.valueOf(values.get("cpus")) : null,
                    values.containsKey("cpuShares") ? Long.parseLong(values.get("cpuShares")) : 0,
                    values.get("cpusetCpus"),
                    values.containsKey("pidsLimit") ? Long.parseLong(values.get("pidsLimit")) : 0,
                    list(lists, "capAdd"), list(lists, "capDrop"), flag(values, "privileged"), list(lists, "securityOpt"),
                    flag(values, "readOnly"), values.get("restart"), values.get("stopSignal"),
                    values.containsKey("stopTimeout") ? Integer.valueOf(values.get("stopTimeout")) : null,
                    list(lists, "volumes"), list(lists, "tmpfs"), list(lists, "mounts"), list(lists, "sysctls"), values.getOrDefault("network", "bridge"),
                    list(lists, "publish"), flag(values, "interactive"), flag(values, "tty"), list(lists, "ulimits"),
                    values.get("domainname"), list(lists, "dns"), list(lists, "dnsSearch"), list(lists, "dnsOptions"),
                    list(lists, "addHosts"), list(lists, "networkAliases"),
                    new HealthOptions(values.get("healthCmd"), values.get("healthInterval"), values.get("healthTimeout"),
                            values.containsKey("healthRetries") ? Integer.parseInt(values.get("healthRetries")) : 0,
                            values.get("healthStartPeriod"), values.get("healthStartInterval"), flag(values, "noHealthcheck")),
                    args.get(i),
                    args.subList(i + 1, args.size())));
        } catch (NumberFormatException notANumber) {
            return Optional.empty(); // picocli's message names the option
        }
    }

    private static boolean flag(Map<String, String> values, String key) {
        return values.containsKey(key);
    }

    private static List<String> list(Map<String, List<String>> lists, String key) {
        return lists.getOrDefault(key, List.of());
    }
}
