package dev.berth.engine.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Docker's default security profile (moby daemon/pkg/oci/caps/defaults.go, defaults.go), which berth copies. */
public final class DockerDefaults {

    /** The 14 capabilities of a non-privileged container. */
    public static final Set<Capability> CAPABILITIES = Set.copyOf(EnumSet.of(
            Capability.CHOWN, Capability.DAC_OVERRIDE, Capability.FSETID, Capability.FOWNER, Capability.MKNOD,
            Capability.NET_RAW, Capability.SETGID, Capability.SETUID, Capability.SETFCAP, Capability.SETPCAP,
            Capability.NET_BIND_SERVICE, Capability.SYS_CHROOT, Capability.KILL, Capability.AUDIT_WRITE));

    /** Hidden from the container (a file gets /dev/null over it, a directory an empty read-only tmpfs). */
    public static final List<String> MASKED_PATHS = List.of(
            "/proc/acpi", "/proc/asound", "/proc/interrupts", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
            "/proc/sched_debug", "/proc/scsi", "/proc/timer_list", "/proc/timer_stats",
            "/sys/devices/virtual/powercap", "/sys/firmware");

    /**
     * {@link #MASKED_PATHS} plus each CPU's {@code thermal_throttle} directory that exists on this
     * host, as Docker adds them (GHSA-6fw5-f8r9-fgfm).
     */
    public static List<String> maskedPaths() {
        List<String> throttles = new ArrayList<>();
        try (var s = Files.newDirectoryStream(Path.of("/sys/devices/system/cpu"), "cpu[0-9]*")) {
            for (Path cpu : s) {
                if (Files.isDirectory(cpu.resolve("thermal_throttle"))) throttles.add(cpu.resolve("thermal_throttle").toString());
            }
        } catch (IOException e) {
            // no sysfs CPU list: nothing more to mask
        }
        throttles.sort(null);
        List<String> out = new ArrayList<>(MASKED_PATHS);
        out.addAll(throttles);
        return List.copyOf(out);
    }

    /** Read-only in the container. */
    public static final List<String> READONLY_PATHS = List.of(
            "/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger");

    /**
     * A container's capabilities as Docker decides them: the default set (every capability when
     * privileged), plus {@code --cap-add}, minus {@code --cap-drop}; names with or without
     * {@code CAP_}, any case; {@code ALL} in either list means every capability, and an explicit
     * add survives {@code --cap-drop ALL}. Bounding = permitted = effective.
     */
    public static Set<Capability> capabilities(boolean privileged, List<String> add, List<String> drop) {
        if (privileged) return Set.copyOf(EnumSet.allOf(Capability.class));
        EnumSet<Capability> caps = EnumSet.noneOf(Capability.class);
        if (drop.stream().noneMatch(d -> d.equalsIgnoreCase("ALL"))) caps.addAll(CAPABILITIES);
        if (add.stream().anyMatch(a -> a.equalsIgnoreCase("ALL"))) caps.addAll(EnumSet.allOf(Capability.class));
        for (String d : drop) if (!d.equalsIgnoreCase("ALL")) caps.remove(Capability.parse(d));
        for (String a : add) if (!a.equalsIgnoreCase("ALL")) caps.add(Capability.parse(a));
        return Set.copyOf(caps);
    }

    /** Docker's /dev/shm size (DefaultShmSize). */
    public static final long SHM_SIZE = 64L << 20;

    private DockerDefaults() {
    }
}
