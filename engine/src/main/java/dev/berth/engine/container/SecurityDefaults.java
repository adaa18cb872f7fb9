package dev.berth.engine.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Docker's default hardening of /proc and /sys (moby daemon/pkg/oci/defaults.go): paths hidden
 * (masked: a file gets /dev/null bound over it, a directory an empty read-only tmpfs) and paths
 * made read-only. A privileged container gets neither.
 */
public final class SecurityDefaults {

    public static final List<String> MASKED_PATHS = List.of(
            "/proc/acpi", "/proc/asound", "/proc/interrupts", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
            "/proc/sched_debug", "/proc/scsi", "/proc/timer_list", "/proc/timer_stats",
            "/sys/devices/virtual/powercap", "/sys/firmware");

    public static final List<String> READONLY_PATHS = List.of(
            "/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger");

    /** /dev/shm's default size (Docker's DefaultShmSize), bytes. */
    public static final long DEFAULT_SHM_SIZE = 64L << 20;

    private SecurityDefaults() {
    }

    /** The masked paths, plus each CPU's thermal_throttle directory this host has (Docker masks those too). */
    public static List<String> maskedPaths(Path sysDevicesCpu) {
        List<String> out = new ArrayList<>(MASKED_PATHS);
        if (Files.isDirectory(sysDevicesCpu)) {
            try (Stream<Path> cpus = Files.list(sysDevicesCpu)) {
                cpus.filter(p -> p.getFileName().toString().matches("cpu\\d+"))
                        .map(p -> p.resolve("thermal_throttle"))
                        .filter(Files::isDirectory)
                        .sorted()
                        .forEach(p -> out.add("/sys/devices/system/cpu/" + p.getParent().getFileName() + "/thermal_throttle"));
            } catch (IOException e) {
                // no /sys to look at: the fixed list stands
            }
        }
        return out;
    }
}
