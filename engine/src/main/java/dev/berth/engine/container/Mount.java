package dev.berth.engine.container;

import java.util.Map;

/**
 * One entry of Docker's {@code HostConfig.Mounts} ({@code --mount}, and what Compose sends for a
 * service's {@code volumes}/{@code tmpfs}): a {@code bind}, {@code volume} or {@code tmpfs} mount.
 * Unlike {@code -v}, a bind's missing source is an error, not a new directory.
 *
 * @param source a host path (bind), a volume name (volume; empty: a new anonymous volume), unused for tmpfs
 */
public record Mount(String type, String source, String target, boolean readOnly, BindOptions bindOptions,
                    VolumeOptions volumeOptions, TmpfsOptions tmpfsOptions) {

    public static final String BIND = "bind";
    public static final String VOLUME = "volume";
    public static final String TMPFS = "tmpfs";

    /** @param propagation {@code rprivate} (the default), {@code private}, {@code rshared}, {@code shared}, {@code rslave}, {@code slave} */
    public record BindOptions(String propagation, boolean createMountpoint) {}

    /** @param noCopy do not fill a new volume with the image's files at the target */
    public record VolumeOptions(boolean noCopy, Map<String, String> labels, DriverConfig driverConfig, String subpath) {
        public VolumeOptions {
            labels = labels == null ? Map.of() : Map.copyOf(labels);
        }
    }

    /** A volume driver and its options ({@code local}: {@code type}, {@code o}, {@code device}). */
    public record DriverConfig(String name, Map<String, String> options) {
        public DriverConfig {
            options = options == null ? Map.of() : Map.copyOf(options);
        }
    }

    /** @param mode octal permission bits of the tmpfs root (0: Docker's 1777) */
    public record TmpfsOptions(long sizeBytes, int mode) {}

    public Mount {
        source = source == null ? "" : source;
    }

    public static Mount bind(String source, String target, boolean readOnly) {
        return new Mount(BIND, source, target, readOnly, null, null, null);
    }

    public static Mount volume(String name, String target, boolean readOnly) {
        return new Mount(VOLUME, name, target, readOnly, null, null, null);
    }

    public static Mount tmpfs(String target, long sizeBytes, int mode) {
        return new Mount(TMPFS, "", target, false, null, null, new TmpfsOptions(sizeBytes, mode));
    }
}
