package dev.berth.engine.runtime.shim;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@code berth-shim exec BUNDLE} runs inside a running container: written by {@link #write}
 * to {@code BUNDLE/spec} in the format of {@link ShimSpec} (the shim's {@code spec.c}).
 * <pre>
 * target-pid PID            the container's PID 1 on the host: its namespaces are joined
 * arg, env, cwd, user, groups, caps, no-new-privs, seccomp, rlimit, cgroup   as for a container
 * tty                       a pty of the container's devpts, relayed to the shim's stdin/stdout
 * </pre>
 * The shim refuses a target that is not the PID 1 of a child PID namespace (a dead container whose
 * PID was reused). Without {@code tty} the process uses the shim's stdin/stdout/stderr.
 */
public record ExecSpec(long targetPid, List<String> args, List<String> env, String cwd, ShimSpec.User user,
                       Capabilities capabilities, boolean noNewPrivileges, Path seccompFilter,
                       List<ShimSpec.Rlimit> rlimits, List<Path> cgroupProcs, boolean tty) {

    public ExecSpec {
        if (targetPid < 2) throw new IllegalArgumentException("target PID must be a host PID above 1: " + targetPid);
        args = List.copyOf(args);
        if (args.isEmpty()) throw new IllegalArgumentException("an exec needs a command (args is empty)");
        env = List.copyOf(env);
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(capabilities, "capabilities");
        rlimits = List.copyOf(rlimits);
        cgroupProcs = List.copyOf(cgroupProcs);
    }

    /**
     * An exec with the container's settings, as {@code docker exec} inherits them: environment, working
     * directory, user, capabilities, no_new_privs, seccomp filter, rlimits and cgroups of {@code container}.
     * Change what the exec overrides with the withers ({@code -e}, {@code -u}, {@code -w}, {@code --privileged}).
     */
    public static ExecSpec of(ShimSpec container, long targetPid, List<String> args) {
        return new ExecSpec(targetPid, args, container.env(), container.cwd(), container.user(), container.capabilities(),
                container.noNewPrivileges(), container.seccompFilter(), container.rlimits(), container.cgroupProcs(), false);
    }

    public ExecSpec withEnv(List<String> v) {
        return new ExecSpec(targetPid, args, v, cwd, user, capabilities, noNewPrivileges, seccompFilter, rlimits, cgroupProcs, tty);
    }

    public ExecSpec withCwd(String v) {
        return new ExecSpec(targetPid, args, env, v, user, capabilities, noNewPrivileges, seccompFilter, rlimits, cgroupProcs, tty);
    }

    public ExecSpec withUser(ShimSpec.User v) {
        return new ExecSpec(targetPid, args, env, cwd, v, capabilities, noNewPrivileges, seccompFilter, rlimits, cgroupProcs, tty);
    }

    public ExecSpec withCapabilities(Capabilities v) {
        return new ExecSpec(targetPid, args, env, cwd, user, v, noNewPrivileges, seccompFilter, rlimits, cgroupProcs, tty);
    }

    public ExecSpec withSeccompFilter(Path v) {
        return new ExecSpec(targetPid, args, env, cwd, user, capabilities, noNewPrivileges, v, rlimits, cgroupProcs, tty);
    }

    public ExecSpec withNoNewPrivileges(boolean v) {
        return new ExecSpec(targetPid, args, env, cwd, user, capabilities, v, seccompFilter, rlimits, cgroupProcs, tty);
    }

    public ExecSpec withTty(boolean v) {
        return new ExecSpec(targetPid, args, env, cwd, user, capabilities, noNewPrivileges, seccompFilter, rlimits, cgroupProcs, v);
    }

    /** Writes {@code bundle/spec} atomically (the directory is created); returns its path. */
    public Path write(Path bundle) throws IOException {
        return ShimSpec.writeSpec(bundle, text());
    }

    public String text() {
        ShimSpec.Lines l = new ShimSpec.Lines();
        l.add("target-pid", Long.toString(targetPid));
        for (String a : args) l.add("arg", a);
        for (String e : env) l.add("env", e);
        if (cwd != null) l.add("cwd", cwd);
        l.add("user", Integer.toUnsignedString(user.uid()), Integer.toUnsignedString(user.gid()));
        if (!user.additionalGids().isEmpty()) {
            l.add("groups", user.additionalGids().stream().map(Integer::toUnsignedString).toArray(String[]::new));
        }
        ShimSpec.capLine(l, "effective", capabilities.effective());
        ShimSpec.capLine(l, "permitted", capabilities.permitted());
        ShimSpec.capLine(l, "inheritable", capabilities.inheritable());
        ShimSpec.capLine(l, "bounding", capabilities.bounding());
        ShimSpec.capLine(l, "ambient", capabilities.ambient());
        if (noNewPrivileges) l.add("no-new-privs");
        if (seccompFilter != null) l.add("seccomp", ShimSpec.abs(seccompFilter));
        for (ShimSpec.Rlimit r : rlimits) l.add("rlimit", r.name(), ShimSpec.limit(r.soft()), ShimSpec.limit(r.hard()));
        for (Path c : cgroupProcs) l.add("cgroup", ShimSpec.abs(c));
        if (tty) l.add("tty");
        return l.text.toString();
    }
}
