package dev.berth.engine.runtime.seccomp;

import dev.berth.engine.runtime.seccomp.SeccompProfile.ArgCondition;
import dev.berth.engine.runtime.seccomp.SeccompProfile.Filter;
import dev.berth.engine.runtime.seccomp.SeccompProfile.Op;
import dev.berth.engine.runtime.seccomp.SeccompProfile.Rule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * berth's default seccomp profile, with the effect of Docker's: unknown syscalls fail with EPERM, and a
 * container may make every x86 syscall except those that administer the host rather than the container.
 * Written the other way round from Docker's list: what is <em>denied</em>, grouped by why, and what a
 * capability brings back; everything else in {@link SyscallTable} is allowed. So a syscall added to the
 * table is allowed unless it is listed here: review this class when the table grows
 * ({@code DefaultSeccompProfileTest} pins the count).
 */
public final class DefaultSeccompProfile {

    /** Never allowed, whatever the capabilities. */
    static final Map<String, List<String>> DENIED = new LinkedHashMap<>();

    /** Allowed only when the container holds the capability (the kernel checks it too; this narrows the surface). */
    static final Map<String, List<String>> BY_CAPABILITY = new LinkedHashMap<>();

    static {
        DENIED.put("administer the host's kernel, memory or devices", List.of("_sysctl", "bdflush",
                "create_module", "get_kernel_syms", "query_module", "kexec_load", "kexec_file_load", "nfsservctl",
                "swapon", "swapoff", "pivot_root", "migrate_pages", "move_pages"));
        DENIED.put("the kernel keyring is not namespaced", List.of("add_key", "keyctl", "request_key"));
        DENIED.put("io_uring runs operations no seccomp filter sees",
                List.of("io_uring_setup", "io_uring_enter", "io_uring_register"));
        DENIED.put("userfaultfd lets an unprivileged process stall the kernel in a race", List.of("userfaultfd"));
        DENIED.put("obsolete, removed or never implemented", List.of("afs_syscall", "break", "ftime", "getpmsg",
                "putpmsg", "gtty", "stty", "idle", "lock", "mpx", "prof", "profil", "security", "tuxcall", "vserver",
                "sysfs", "ustat", "uselib", "ulimit"));
        DENIED.put("i386 forms current libcs do not use", List.of("nice", "oldfstat", "oldlstat", "oldolduname",
                "oldstat", "olduname", "readdir", "sgetmask", "ssetmask", "sigaction", "signal", "sigpending",
                "sigsuspend", "vm86", "vm86old"));
        DENIED.put("newer than Docker's profile and not reviewed yet",
                List.of("open_tree_attr", "file_getattr", "file_setattr", "listns", "uprobe"));

        BY_CAPABILITY.put("CAP_SYS_ADMIN", List.of("bpf", "clone", "clone3", "fanotify_init", "fsconfig", "fsmount",
                "fsopen", "fspick", "lookup_dcookie", "lsm_get_self_attr", "lsm_list_modules", "lsm_set_self_attr",
                "mount", "mount_setattr", "move_mount", "open_tree", "perf_event_open", "quotactl", "quotactl_fd",
                "setdomainname", "sethostname", "setns", "syslog", "umount", "umount2", "unshare"));
        BY_CAPABILITY.put("CAP_DAC_READ_SEARCH", List.of("open_by_handle_at"));
        BY_CAPABILITY.put("CAP_SYS_BOOT", List.of("reboot"));
        BY_CAPABILITY.put("CAP_SYS_CHROOT", List.of("chroot"));
        BY_CAPABILITY.put("CAP_SYS_MODULE", List.of("init_module", "finit_module", "delete_module"));
        BY_CAPABILITY.put("CAP_SYS_PACCT", List.of("acct"));
        BY_CAPABILITY.put("CAP_SYS_PTRACE", List.of("kcmp", "pidfd_getfd", "process_madvise"));
        BY_CAPABILITY.put("CAP_SYS_RAWIO", List.of("iopl", "ioperm"));
        BY_CAPABILITY.put("CAP_SYS_TIME", List.of("settimeofday", "stime", "clock_settime", "clock_settime64"));
        BY_CAPABILITY.put("CAP_SYS_TTY_CONFIG", List.of("vhangup"));
        BY_CAPABILITY.put("CAP_SYS_NICE", List.of("get_mempolicy", "mbind", "set_mempolicy",
                "set_mempolicy_home_node"));
        BY_CAPABILITY.put("CAP_SYSLOG", List.of("syslog"));
        BY_CAPABILITY.put("CAP_BPF", List.of("bpf"));
        BY_CAPABILITY.put("CAP_PERFMON", List.of("perf_event_open"));
    }

    /** Since 4.8 a tracer cannot skip the tracee's seccomp checks, so tracing is safe to allow. */
    static final List<String> TRACING = List.of("ptrace", "process_vm_readv", "process_vm_writev");

    /** Allowed for some argument values only; see {@link #argumentRules()}. */
    static final List<String> BY_ARGUMENT = List.of("socket", "personality", "clone", "clone3");

    /** {@code CLONE_NEWNS | NEWCGROUP | NEWUTS | NEWIPC | NEWUSER | NEWPID | NEWNET}: new namespaces. */
    static final long CLONE_NAMESPACE_FLAGS = 0x0002_0000L | 0x0200_0000L | 0x0400_0000L | 0x0800_0000L
            | 0x1000_0000L | 0x2000_0000L | 0x4000_0000L;

    private static final long AF_ALG = 38;
    private static final long AF_VSOCK = 40;
    /** PER_LINUX, PER_LINUX32, UNAME26, PER_LINUX32|UNAME26, and 0xffffffff (query, no change). */
    private static final List<Long> PERSONALITIES = List.of(0x0L, 0x8L, 0x2_0000L, 0x2_0008L, 0xffff_ffffL);

    private DefaultSeccompProfile() {
    }

    public static SeccompProfile profile() {
        List<Rule> rules = new ArrayList<>();
        rules.add(Rule.allow(List.copyOf(alwaysAllowed())));
        rules.add(new Rule(TRACING, SeccompAction.ALLOW, List.of(), new Filter(List.of(), List.of(), "4.8"),
                Filter.ANY));
        BY_CAPABILITY.forEach((cap, names) ->
                rules.add(new Rule(names, SeccompAction.ALLOW, List.of(), Filter.caps(cap), Filter.ANY)));
        rules.addAll(argumentRules());
        return new SeccompProfile(SeccompAction.errno(SeccompAction.EPERM),
                List.of(Arch.X86_64.scmpName(), Arch.I386.scmpName(), Arch.X32.scmpName()), List.of(), rules);
    }

    /** Every name of every x86 ABI, minus the denied, capability-gated, tracing and argument-checked ones. */
    static Set<String> alwaysAllowed() {
        Set<String> names = new TreeSet<>();
        for (Arch arch : Arch.values()) {
            names.addAll(arch.table().names());
        }
        Stream.of(DENIED.values().stream().flatMap(List::stream), BY_CAPABILITY.values().stream()
                        .flatMap(List::stream), TRACING.stream(), BY_ARGUMENT.stream())
                .flatMap(s -> s)
                .forEach(names::remove);
        return names;
    }

    /**
     * socket: not AF_ALG (kernel crypto) or AF_VSOCK (host sockets). personality: only the values
     * programs use. clone without CAP_SYS_ADMIN: no new namespaces. clone3 without CAP_SYS_ADMIN: its
     * flags are in memory a filter cannot read, so ENOSYS, which makes libc fall back to clone.
     */
    static List<Rule> argumentRules() {
        List<Rule> rules = new ArrayList<>();
        rules.add(new Rule(List.of("socket"), SeccompAction.ALLOW, List.of(
                new ArgCondition(0, AF_ALG, 0, Op.NE), new ArgCondition(0, AF_VSOCK, 0, Op.NE)),
                Filter.ANY, Filter.ANY));
        for (long persona : PERSONALITIES) {
            rules.add(new Rule(List.of("personality"), SeccompAction.ALLOW,
                    List.of(new ArgCondition(0, persona, 0, Op.EQ)), Filter.ANY, Filter.ANY));
        }
        rules.add(new Rule(List.of("clone"), SeccompAction.ALLOW,
                List.of(new ArgCondition(0, CLONE_NAMESPACE_FLAGS, 0, Op.MASKED_EQ)),
                Filter.ANY, Filter.caps("CAP_SYS_ADMIN")));
        rules.add(new Rule(List.of("clone3"), SeccompAction.errno(SeccompAction.ENOSYS), List.of(),
                Filter.ANY, Filter.caps("CAP_SYS_ADMIN")));
        return rules;
    }
}
