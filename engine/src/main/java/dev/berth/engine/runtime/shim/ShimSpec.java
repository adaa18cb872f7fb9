package dev.berth.engine.runtime.shim;

import dev.berth.engine.container.Capability;
import dev.berth.engine.container.DockerDefaults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What berth-shim runs: written by {@link #write(Path)} to {@code BUNDLE/spec}, read by the shim's
 * {@code spec.c}. All host paths must be absolute (the shim resolves nothing against a cwd).
 *
 * <p>The format, one directive per line, {@code KEY<TAB>ARG<TAB>ARG…}; inside an argument a
 * backslash escapes {@code \t}, {@code \n} and {@code \\}. (*) marks a repeatable directive.
 * <pre>
 * rootfs DIR                where the rootfs is mounted, in the container's own mount namespace
 * lower DIR (*)             overlay lower layer, top first; none: DIR of rootfs is used as is
 * upper DIR, work DIR       overlay upper and work dirs (one filesystem)
 * readonly-rootfs           rootfs mounted read-only
 * hostname NAME
 * arg ARG (*)               command and arguments, in order
 * env NAME=VALUE (*)        the whole environment; its PATH finds arg 0
 * cwd DIR                   working directory, created if missing (default /)
 * user UID GID
 * groups GID…               supplementary groups
 * caps SET CAP…             SET: effective|permitted|inheritable|bounding|ambient; absent set = empty
 * no-new-privs
 * seccomp FILE              raw struct sock_filter array (host byte order), loaded last
 * rlimit NAME SOFT HARD (*) NAME like RLIMIT_NOFILE; a value or "unlimited"
 * masked PATH (*)           hidden: /dev/null over a file, an empty read-only tmpfs over a dir
 * readonly PATH (*)         bind-mounted read-only onto itself
 * bind SRC DST ro|rw [PROP] (*) host file or dir at container path DST; PROP: rprivate, rshared…
 * sysctl KEY VALUE (*)     /proc/sys/KEY (dots as slashes) written in the container's namespaces
 * tmpfs DST OPTIONS (*)     a tmpfs (nosuid,nodev; ro, noexec… among OPTIONS are flags); binds and
 *                           tmpfs mounts are made in the order of their lines
 * shm-size BYTES            /dev/shm size (default 64 MiB)
 * cgroup PROCS_FILE (*)     cgroup.procs written with the container's PID before it runs
 * net none|host|PATH        new empty netns (lo up) / the shim's / join the netns file at PATH
 * init                      PID 1 is the shim's init (reaps zombies, forwards signals)
 * log FILE                  json-file log (Docker's format)
 * exit FILE                 {"exitCode":N,"signal":S,"finishedAt":"…"[,"error":"…"]}, atomically
 * pid FILE                  host PID of the container's PID 1
 * shim-pid FILE             the monitor's PID
 * stdin                     the container's stdin is a pipe fed by attached clients (else /dev/null)
 * stdin-once                a client's half-close closes the container's stdin (no effect with tty)
 * tty                       a pty of the container's own devpts; logged as "stdout"
 * attach PATH               unix socket (0600): output to every client (Docker frames; raw with tty),
 *                           clients' bytes to stdin (with stdin or tty); EOF after the exit file
 * control PATH              unix socket (0600) taking lines "resize ROWS COLS"
 * attach-wait MILLIS        hold the set-up container before exec until a client attaches (or MILLIS)
 * </pre>
 */
public record ShimSpec(Rootfs rootfs, String hostname, List<String> args, List<String> env, String cwd,
                       User user, Capabilities capabilities, boolean noNewPrivileges, Path seccompFilter,
                       List<Rlimit> rlimits, List<String> maskedPaths, List<String> readonlyPaths,
                       List<UserMount> mounts, java.util.Map<String, String> sysctls, long shmSize, List<Path> cgroupProcs,
                       Network network, boolean init, Path logFile, Path exitFile, Path pidFile, Path shimPidFile,
                       Interactive interactive) {

    /**
     * The container's stdin, tty and attach sockets; {@link #NONE}: stdin is /dev/null, no pty, no
     * sockets. {@code attachWait} (with an attach socket) holds the container before exec until
     * the first client connects or that much time passed; zero: no hold.
     */
    public record Interactive(boolean stdin, boolean stdinOnce, boolean tty, Path attachSocket, Path controlSocket,
                              java.time.Duration attachWait) {
        public static final Interactive NONE = new Interactive(false, false, false, null, null, java.time.Duration.ZERO);

        public Interactive {
            Objects.requireNonNull(attachWait, "attachWait");
            if (attachWait.isNegative()) throw new IllegalArgumentException("attachWait is negative: " + attachWait);
            if (!attachWait.isZero() && attachSocket == null) {
                throw new IllegalArgumentException("attachWait needs an attach socket");
            }
        }

        /** {@code docker run -i[t]}-like: stdin open (closed at the first client's EOF when {@code once}), an attach socket. */
        public static Interactive attached(boolean stdin, boolean tty, Path attachSocket, Path controlSocket,
                                           java.time.Duration attachWait) {
            return new Interactive(stdin, stdin, tty, attachSocket, controlSocket, attachWait);
        }
    }


    /** The root filesystem: {@code lowerTopFirst} under {@code upper}, mounted at {@code mountPoint}. */
    public record Rootfs(Path mountPoint, List<Path> lowerTopFirst, Path upper, Path work, boolean readOnly) {
        public Rootfs {
            Objects.requireNonNull(mountPoint, "mountPoint");
            lowerTopFirst = List.copyOf(lowerTopFirst);
            if (!lowerTopFirst.isEmpty() && (upper == null || work == null)) {
                throw new IllegalArgumentException("an overlay rootfs needs an upper and a work directory");
            }
        }

        public static Rootfs overlay(Path mountPoint, List<Path> lowerTopFirst, Path upper, Path work) {
            return new Rootfs(mountPoint, lowerTopFirst, upper, work, false);
        }

        public Rootfs readOnly(boolean ro) {
            return new Rootfs(mountPoint, lowerTopFirst, upper, work, ro);
        }
    }

    public record User(int uid, int gid, List<Integer> additionalGids) {
        public static final User ROOT = new User(0, 0, List.of());

        public User {
            additionalGids = List.copyOf(additionalGids);
        }
    }

    /** A resource limit by name ({@code nofile} or {@code RLIMIT_NOFILE}); {@link #UNLIMITED} for none. */
    public record Rlimit(String name, long soft, long hard) {
        public static final long UNLIMITED = -1;
    }

    /** A bind or a tmpfs, mounted in the order of the list (a parent before what is mounted inside it). */
    public sealed interface UserMount permits BindMount, Tmpfs {
        String target();
    }

    /**
     * A host file or directory mounted at {@code target} inside the container; {@code propagation}
     * ({@code rprivate}, {@code rshared}, {@code rslave} and the non-recursive ones) or empty: as it comes.
     */
    public record BindMount(Path source, String target, boolean readOnly, String propagation) implements UserMount {
        public BindMount(Path source, String target, boolean readOnly) {
            this(source, target, readOnly, "");
        }

        public BindMount {
            propagation = propagation == null ? "" : propagation;
        }
    }

    /** {@code options}: tmpfs data (size, mode…) and the generic flags ro, noexec, nosuid, nodev (and opposites). */
    public record Tmpfs(String target, String options) implements UserMount {}

    /** {@code none}: a new empty network namespace; {@code host}: the shim's; else the netns file to join. */
    public record Network(String value) {
        public static final Network NONE = new Network("none");
        public static final Network HOST = new Network("host");

        public static Network join(Path netns) {
            return new Network(netns.toString());
        }
    }

    public ShimSpec {
        Objects.requireNonNull(rootfs, "rootfs");
        args = List.copyOf(args);
        if (args.isEmpty()) throw new IllegalArgumentException("a container needs a command (args is empty)");
        env = List.copyOf(env);
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(capabilities, "capabilities");
        rlimits = List.copyOf(rlimits);
        maskedPaths = List.copyOf(maskedPaths);
        readonlyPaths = List.copyOf(readonlyPaths);
        mounts = List.copyOf(mounts);
        sysctls = sysctls == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(sysctls));
        cgroupProcs = List.copyOf(cgroupProcs);
        Objects.requireNonNull(network, "network");
        if (interactive == null) interactive = Interactive.NONE;
    }

    /** A spec with Docker's defaults (14 caps, masked and read-only paths, 64 MiB /dev/shm, no network). */
    public static Builder builder(Rootfs rootfs, List<String> args) {
        return new Builder(rootfs, args);
    }

    public Builder toBuilder() {
        Builder b = new Builder(rootfs, args);
        b.hostname = hostname; b.env = env; b.cwd = cwd; b.user = user; b.capabilities = capabilities;
        b.noNewPrivileges = noNewPrivileges; b.seccompFilter = seccompFilter; b.rlimits = rlimits;
        b.maskedPaths = maskedPaths; b.readonlyPaths = readonlyPaths; b.mounts = mounts; b.sysctls = sysctls;
        b.shmSize = shmSize; b.cgroupProcs = cgroupProcs; b.network = network;
        b.init = init; b.logFile = logFile; b.exitFile = exitFile; b.pidFile = pidFile; b.shimPidFile = shimPidFile;
        b.interactive = interactive;
        return b;
    }

    /** Writes {@code bundle/spec} (atomically; the bundle directory is created). Returns its path. */
    public Path write(Path bundle) throws IOException {
        return writeSpec(bundle, text());
    }

    /** {@code bundle/spec} replaced atomically by {@code text} (a container's or an exec's). */
    static Path writeSpec(Path bundle, String text) throws IOException {
        Files.createDirectories(bundle);
        Path spec = bundle.resolve("spec");
        Path tmp = bundle.resolve("spec.tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, spec, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return spec;
    }

    /** The spec file's text. */
    public String text() {
        Lines l = new Lines();
        l.add("rootfs", abs(rootfs.mountPoint()));
        for (Path lower : rootfs.lowerTopFirst()) l.add("lower", abs(lower));
        if (rootfs.upper() != null) l.add("upper", abs(rootfs.upper()));
        if (rootfs.work() != null) l.add("work", abs(rootfs.work()));
        if (rootfs.readOnly()) l.add("readonly-rootfs");
        if (hostname != null) l.add("hostname", hostname);
        for (String a : args) l.add("arg", a);
        for (String e : env) l.add("env", e);
        if (cwd != null) l.add("cwd", cwd);
        l.add("user", Integer.toUnsignedString(user.uid()), Integer.toUnsignedString(user.gid()));
        if (!user.additionalGids().isEmpty()) {
            l.add("groups", user.additionalGids().stream().map(Integer::toUnsignedString).toArray(String[]::new));
        }
        capLine(l, "effective", capabilities.effective());
        capLine(l, "permitted", capabilities.permitted());
        capLine(l, "inheritable", capabilities.inheritable());
        capLine(l, "bounding", capabilities.bounding());
        capLine(l, "ambient", capabilities.ambient());
        if (noNewPrivileges) l.add("no-new-privs");
        if (seccompFilter != null) l.add("seccomp", abs(seccompFilter));
        for (Rlimit r : rlimits) l.add("rlimit", r.name(), limit(r.soft()), limit(r.hard()));
        for (String p : maskedPaths) l.add("masked", p);
        for (String p : readonlyPaths) l.add("readonly", p);
        sysctls.forEach((k, v) -> l.add("sysctl", k, v));
        for (UserMount m : mounts) {
            switch (m) {
                case BindMount b when b.propagation().isEmpty() -> l.add("bind", abs(b.source()), b.target(), b.readOnly() ? "ro" : "rw");
                case BindMount b -> l.add("bind", abs(b.source()), b.target(), b.readOnly() ? "ro" : "rw", b.propagation());
                case Tmpfs t -> l.add("tmpfs", t.target(), t.options());
            }
        }
        if (shmSize > 0) l.add("shm-size", Long.toString(shmSize));
        for (Path c : cgroupProcs) l.add("cgroup", abs(c));
        l.add("net", network.value());
        if (init) l.add("init");
        if (logFile != null) l.add("log", abs(logFile));
        if (exitFile != null) l.add("exit", abs(exitFile));
        if (pidFile != null) l.add("pid", abs(pidFile));
        if (shimPidFile != null) l.add("shim-pid", abs(shimPidFile));
        if (interactive.stdin()) l.add("stdin");
        if (interactive.stdinOnce()) l.add("stdin-once");
        if (interactive.tty()) l.add("tty");
        if (interactive.attachSocket() != null) l.add("attach", abs(interactive.attachSocket()));
        if (interactive.controlSocket() != null) l.add("control", abs(interactive.controlSocket()));
        if (!interactive.attachWait().isZero()) l.add("attach-wait", Long.toString(Math.max(1, interactive.attachWait().toMillis())));
        return l.text.toString();
    }

    /** Escapes an argument: backslash, tab and newline become {@code \\}, {@code \t}, {@code \n}. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\0' -> throw new IllegalArgumentException("a NUL byte cannot reach the shim: " + s.replace('\0', '?'));
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static void capLine(Lines l, String set, Set<Capability> caps) {
        if (caps.isEmpty()) return; // an absent set is empty for the shim
        List<String> words = new ArrayList<>();
        words.add(set);
        caps.stream().sorted().map(c -> "CAP_" + c.name()).forEach(words::add);
        l.add("caps", words.toArray(String[]::new));
    }

    static String limit(long v) {
        return v < 0 ? "unlimited" : Long.toString(v);
    }

    static String abs(Path p) {
        if (!p.isAbsolute()) throw new IllegalArgumentException("the shim needs absolute host paths: " + p);
        return p.toString();
    }

    static final class Lines {
        final StringBuilder text = new StringBuilder();

        void add(String key, String... args) {
            text.append(key);
            for (String a : args) text.append('\t').append(escape(a));
            text.append('\n');
        }
    }

    /** Fluent construction; starts from Docker's defaults. */
    public static final class Builder {
        private Rootfs rootfs;
        private List<String> args;
        private String hostname;
        private List<String> env = List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        private String cwd;
        private User user = User.ROOT;
        private Capabilities capabilities = Capabilities.of(DockerDefaults.CAPABILITIES);
        private boolean noNewPrivileges;
        private Path seccompFilter;
        private List<Rlimit> rlimits = List.of();
        private List<String> maskedPaths = DockerDefaults.maskedPaths();
        private List<String> readonlyPaths = DockerDefaults.READONLY_PATHS;
        private List<UserMount> mounts = List.of();
        private java.util.Map<String, String> sysctls = java.util.Map.of();
        private long shmSize = DockerDefaults.SHM_SIZE;
        private List<Path> cgroupProcs = List.of();
        private Network network = Network.NONE;
        private boolean init;
        private Path logFile;
        private Path exitFile;
        private Path pidFile;
        private Path shimPidFile;
        private Interactive interactive = Interactive.NONE;

        private Builder(Rootfs rootfs, List<String> args) {
            this.rootfs = rootfs;
            this.args = args;
        }

        public Builder rootfs(Rootfs v) { rootfs = v; return this; }
        public Builder args(List<String> v) { args = v; return this; }
        public Builder hostname(String v) { hostname = v; return this; }
        public Builder env(List<String> v) { env = v; return this; }
        public Builder cwd(String v) { cwd = v; return this; }
        public Builder user(User v) { user = v; return this; }
        public Builder capabilities(Capabilities v) { capabilities = v; return this; }
        public Builder noNewPrivileges(boolean v) { noNewPrivileges = v; return this; }
        public Builder seccompFilter(Path v) { seccompFilter = v; return this; }
        public Builder rlimits(List<Rlimit> v) { rlimits = v; return this; }
        public Builder maskedPaths(List<String> v) { maskedPaths = v; return this; }
        public Builder readonlyPaths(List<String> v) { readonlyPaths = v; return this; }
        public Builder mounts(List<? extends UserMount> v) { mounts = List.copyOf(v); return this; }
        public Builder sysctls(java.util.Map<String, String> v) { sysctls = v; return this; }
        public Builder shmSize(long v) { shmSize = v; return this; }
        public Builder cgroupProcs(List<Path> v) { cgroupProcs = v; return this; }
        public Builder network(Network v) { network = v; return this; }
        public Builder init(boolean v) { init = v; return this; }
        public Builder logFile(Path v) { logFile = v; return this; }
        public Builder exitFile(Path v) { exitFile = v; return this; }
        public Builder pidFile(Path v) { pidFile = v; return this; }
        public Builder shimPidFile(Path v) { shimPidFile = v; return this; }
        public Builder interactive(Interactive v) { interactive = v; return this; }

        public ShimSpec build() {
            return new ShimSpec(rootfs, hostname, args, env, cwd, user, capabilities, noNewPrivileges, seccompFilter,
                    rlimits, maskedPaths, readonlyPaths, mounts, sysctls, shmSize, cgroupProcs, network,
                    init, logFile, exitFile, pidFile, shimPidFile, interactive);
        }
    }
}
