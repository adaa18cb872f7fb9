package dev.berth.engine.container;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A container back from Docker's inspect shape, read from plain maps and lists (what
 * {@code MiniJson} parses): the client reads container lists on every {@code ps} and {@code up}, and
 * Jackson's first use costs a cold JVM ~60 ms. {@link InspectView} writes the shape.
 */
public final class InspectReader {

    private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    private InspectReader() {
    }

    public static Container read(Map<String, Object> o) {
        Map<String, Object> s = map(o.get("State"));
        ContainerState state = new ContainerState(str(s, "Status"), lng(s, "Pid"), (int) lng(s, "ExitCode"), bool(s, "OOMKilled"),
                str(s, "Error"), instant(s.get("StartedAt")), instant(s.get("FinishedAt")), false,
                s.get("Health") == null ? null : health(map(s.get("Health"))));
        Map<String, Object> cc = map(o.get("Config"));
        ContainerConfig config = new ContainerConfig(str(cc, "Image"), strings(cc.get("Entrypoint")), strings(cc.get("Cmd")),
                strings(cc.get("Env")), str(cc, "WorkingDir"), str(cc, "User"), str(cc, "Hostname"), str(cc, "Domainname"),
                stringMap(cc.get("Labels")), bool(cc, "Tty"), bool(cc, "OpenStdin"), bool(cc, "StdinOnce"),
                cc.get("StopSignal") == null ? null : str(cc, "StopSignal"),
                cc.get("StopTimeout") == null ? null : (int) lng(cc, "StopTimeout"),
                cc.get("Healthcheck") == null ? null : healthcheck(map(cc.get("Healthcheck"))), new ArrayList<>(map(cc.get("Volumes")).keySet()));
        String name = str(o, "Name");
        Map<String, Object> net = map(o.get("NetworkSettings"));
        return new Container(str(o, "Id"), name.startsWith("/") ? name.substring(1) : name, Instant.parse(str(o, "Created")),
                str(o, "Image"), config, hostConfig(map(o.get("HostConfig"))), state, (int) lng(o, "RestartCount"),
                endpoints(map(net.get("Networks"))), portBindings(map(net.get("Ports"))), mountPoints(o.get("Mounts")));
    }

    public static HostConfig hostConfig(Map<String, Object> h) {
        Map<String, Object> restart = map(h.get("RestartPolicy"));
        RestartPolicy policy = str(restart, "Name").isEmpty() ? RestartPolicy.NO
                : new RestartPolicy(str(restart, "Name"), (int) lng(restart, "MaximumRetryCount"));
        List<HostConfig.Ulimit> ulimits = new ArrayList<>();
        for (Object u : list(h.get("Ulimits"))) {
            Map<String, Object> m = map(u);
            ulimits.add(new HostConfig.Ulimit(str(m, "Name"), lng(m, "Soft"), lng(m, "Hard")));
        }
        List<Mount> mounts = new ArrayList<>();
        for (Object m : list(h.get("Mounts"))) mounts.add(mount(map(m)));
        return new HostConfig(lng(h, "Memory"), lng(h, "MemorySwap"), lng(h, "NanoCpus"), lng(h, "CpuShares"), str(h, "CpusetCpus"),
                lng(h, "PidsLimit"), strings(h.get("CapAdd")), strings(h.get("CapDrop")), bool(h, "Privileged"),
                strings(h.get("SecurityOpt")), bool(h, "ReadonlyRootfs"), policy, bool(h, "Init"), bool(h, "AutoRemove"),
                strings(h.get("Binds")), stringMap(h.get("Tmpfs")), str(h, "NetworkMode"), lng(h, "ShmSize"), ulimits,
                strings(h.get("Dns")), strings(h.get("DnsSearch")), strings(h.get("DnsOptions")), strings(h.get("ExtraHosts")),
                portBindings(map(h.get("PortBindings"))), mounts, stringMap(h.get("Sysctls")));
    }

    /** Docker's PortBindings / NetworkSettings.Ports shape ({@code {"80/tcp": [{"HostIp", "HostPort"}]}}) back into bindings. */
    public static List<PortBinding> portBindings(Map<String, Object> ports) {
        List<PortBinding> out = new ArrayList<>();
        ports.forEach((port, bindings) -> {
            for (Object b : list(bindings)) out.add(new PortBinding(port, str(map(b), "HostIp"), str(map(b), "HostPort")));
        });
        return out;
    }

    static Mount mount(Map<String, Object> m) {
        Map<String, Object> b = m.get("BindOptions") == null ? null : map(m.get("BindOptions"));
        Map<String, Object> v = m.get("VolumeOptions") == null ? null : map(m.get("VolumeOptions"));
        Map<String, Object> t = m.get("TmpfsOptions") == null ? null : map(m.get("TmpfsOptions"));
        Mount.VolumeOptions volume = null;
        if (v != null) {
            Map<String, Object> d = v.get("DriverConfig") == null ? null : map(v.get("DriverConfig"));
            volume = new Mount.VolumeOptions(bool(v, "NoCopy"), stringMap(v.get("Labels")),
                    d == null ? null : new Mount.DriverConfig(nullable(d, "Name"), stringMap(d.get("Options"))), nullable(v, "Subpath"));
        }
        return new Mount(nullable(m, "Type"), str(m, "Source"), nullable(m, "Target"), bool(m, "ReadOnly"),
                b == null ? null : new Mount.BindOptions(nullable(b, "Propagation"), bool(b, "CreateMountpoint")), volume,
                t == null ? null : new Mount.TmpfsOptions(lng(t, "SizeBytes"), (int) lng(t, "Mode")));
    }

    private static Health health(Map<String, Object> h) {
        List<Health.Probe> log = new ArrayList<>();
        for (Object p : list(h.get("Log"))) {
            Map<String, Object> m = map(p);
            log.add(new Health.Probe(instant(m.get("Start")), instant(m.get("End")), (int) lng(m, "ExitCode"), str(m, "Output")));
        }
        return new Health(str(h, "Status"), (int) lng(h, "FailingStreak"), log);
    }

    private static Healthcheck healthcheck(Map<String, Object> h) {
        return new Healthcheck(strings(h.get("Test")), lng(h, "Interval"), lng(h, "Timeout"), lng(h, "StartPeriod"),
                lng(h, "StartInterval"), (int) lng(h, "Retries"));
    }

    private static List<MountPoint> mountPoints(Object mounts) {
        List<MountPoint> out = new ArrayList<>();
        for (Object o : list(mounts)) {
            Map<String, Object> m = map(o);
            String type = str(m, "Type");
            out.add(new MountPoint(type, str(m, "Name"), str(m, "Source"), str(m, "Destination"),
                    m.get("RW") instanceof Boolean rw && !rw, str(m, "Propagation"),
                    type.equals(Mount.TMPFS) ? str(m, "Mode") : "", false, false));
        }
        return out;
    }

    private static Map<String, Endpoint> endpoints(Map<String, Object> networks) {
        Map<String, Endpoint> out = new LinkedHashMap<>();
        networks.forEach((name, value) -> {
            Map<String, Object> n = map(value);
            out.put(name, new Endpoint(str(n, "NetworkID"), str(n, "IPAddress"), (int) lng(n, "IPPrefixLen"), str(n, "Gateway"),
                    str(n, "MacAddress"), strings(n.get("Aliases")), strings(n.get("DNSNames")),
                    str(map(n.get("IPAMConfig")), "IPv4Address")));
        });
        return out;
    }

    // --- plain JSON values ---------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }

    static String str(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == null ? "" : v.toString();
    }

    private static String nullable(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == null ? null : v.toString();
    }

    static long lng(Map<String, Object> m, String key) {
        return m.get(key) instanceof Number n ? n.longValue() : 0;
    }

    static boolean bool(Map<String, Object> m, String key) {
        return m.get(key) instanceof Boolean b && b;
    }

    static List<String> strings(Object o) {
        List<String> out = new ArrayList<>();
        for (Object x : list(o)) out.add(String.valueOf(x));
        return out;
    }

    static Map<String, String> stringMap(Object o) {
        Map<String, String> out = new LinkedHashMap<>();
        map(o).forEach((k, v) -> out.put(k, v == null ? "" : v.toString()));
        return out;
    }

    private static Instant instant(Object o) {
        String t = o == null ? "" : o.toString();
        return t.isEmpty() || t.equals(ZERO_TIME) ? null : Instant.parse(t);
    }
}
