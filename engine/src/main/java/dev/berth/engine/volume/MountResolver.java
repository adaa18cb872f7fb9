package dev.berth.engine.volume;

import dev.berth.engine.container.ContainerNames;
import dev.berth.engine.container.HostConfig;
import dev.berth.engine.container.Mount;
import dev.berth.engine.container.MountPoint;
import dev.berth.engine.runtime.BindSpec;
import dev.berth.engine.runtime.MountTargets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A new container's mounts from its create request, as Docker's daemon registers them: {@code -v}
 * binds and volumes, {@code --mount} entries, {@code --tmpfs}, then an anonymous volume for each
 * {@code Config.Volumes} path (the image's VOLUMEs included) nothing else covers. Two mounts at one
 * path are refused; the result is ordered so a parent is mounted before what is mounted inside it.
 *
 * <p>{@link #plan} only reads and validates; {@link #realize} makes what the plan needs (volumes,
 * {@code -v}'s missing host directories), after the container has been recorded.
 */
public final class MountResolver {

    /** What a plan makes: volumes to create (a name; options and labels from {@code --mount}). */
    public record NewVolume(String name, Map<String, String> driverOpts, Map<String, String> labels, boolean anonymous) {}

    /** Binds of {@code -v} whose host directory does not exist yet (Docker makes them). */
    public record Plan(List<MountPoint> mounts, List<NewVolume> volumes, List<Path> bindDirectories) {}

    private MountResolver() {
    }

    public static Plan plan(HostConfig host, List<String> configVolumes, VolumeService volumes) {
        Map<String, MountPoint> byTarget = new LinkedHashMap<>();
        List<NewVolume> newVolumes = new ArrayList<>();
        List<Path> bindDirectories = new ArrayList<>();
        Path volumeRoot = volumes.directory();
        for (String bind : host.binds()) {
            BindSpec b = BindSpec.parse(bind);
            MountPoint m;
            if (b.kind() == BindSpec.Kind.BIND) {
                Path source = Path.of(b.source());
                if (!Files.exists(source)) bindDirectories.add(source);
                m = new MountPoint(Mount.BIND, "", source.toString(), b.target(), b.readOnly(),
                        b.propagation().isEmpty() ? "rprivate" : b.propagation(), "", false, false);
            } else {
                m = volume(b.source(), b.target(), b.readOnly(), !b.noCopy(), Map.of(), Map.of(), volumes, volumeRoot, newVolumes);
            }
            put(byTarget, m);
        }
        for (Mount mount : host.mounts()) put(byTarget, fromMount(mount, volumes, volumeRoot, newVolumes));
        host.tmpfs().forEach((target, options) -> {
            if (!target.startsWith("/")) throw new IllegalArgumentException("invalid tmpfs mount point \"" + target + "\": must be absolute");
            MountTargets.check(target, "--tmpfs " + target);
            put(byTarget, new MountPoint(Mount.TMPFS, "", "", target, false, "", options, false, false));
        });
        for (String path : configVolumes) {
            if (!path.startsWith("/")) throw new IllegalArgumentException("invalid volume path \"" + path + "\": must be absolute");
            String target = normalized(path);
            if (byTarget.containsKey(target)) continue; // given a mount of its own: the image's VOLUME is not made
            put(byTarget, volume("", target, false, true, Map.of(), Map.of(), volumes, volumeRoot, newVolumes));
        }
        List<MountPoint> ordered = new ArrayList<>(byTarget.values());
        // Docker's order: fewer path components first, so /a is mounted before /a/b
        ordered.sort(Comparator.comparingInt(m -> Path.of(m.destination()).getNameCount()));
        return new Plan(ordered, newVolumes, bindDirectories);
    }

    /** Creates the plan's volumes and bind directories; on failure, what it made is removed again. */
    public static void realize(Plan plan, VolumeService volumes) throws IOException {
        List<String> made = new ArrayList<>();
        try {
            for (NewVolume v : plan.volumes()) {
                if (!v.anonymous() && volumes.exists(v.name())) continue;
                if (v.anonymous()) volumes.createAnonymous(v.name(), v.driverOpts(), v.labels());
                else volumes.create(v.name(), v.driverOpts(), v.labels());
                made.add(v.name());
            }
            for (Path dir : plan.bindDirectories()) Files.createDirectories(dir);
        } catch (IOException | RuntimeException e) {
            for (String name : made) volumes.remove(name, true);
            throw e;
        }
    }

    private static MountPoint fromMount(Mount m, VolumeService volumes, Path volumeRoot, List<NewVolume> newVolumes) {
        if (m.target() == null || m.target().isEmpty()) throw new IllegalArgumentException("invalid mount config for type \"" + m.type() + "\": field Target must not be empty");
        if (!m.target().startsWith("/")) {
            throw new IllegalArgumentException("invalid mount config for type \"" + m.type() + "\": invalid mount path: '" + m.target() + "' mount path must be absolute");
        }
        MountTargets.check(m.target(), "--mount target=" + m.target());
        String type = m.type() == null ? "" : m.type();
        switch (type) {
            case Mount.BIND -> {
                if (m.volumeOptions() != null) throw new IllegalArgumentException("invalid mount config for type \"bind\": field VolumeOptions must not be specified");
                if (m.tmpfsOptions() != null) throw new IllegalArgumentException("invalid mount config for type \"bind\": field TmpfsOptions must not be specified");
                if (m.source().isEmpty()) throw new IllegalArgumentException("invalid mount config for type \"bind\": field Source must not be empty");
                if (!m.source().startsWith("/")) {
                    throw new IllegalArgumentException("invalid mount config for type \"bind\": invalid mount path: '" + m.source() + "' mount path must be absolute");
                }
                Path source = Path.of(m.source()).normalize();
                boolean create = m.bindOptions() != null && m.bindOptions().createMountpoint();
                if (!create && !Files.exists(source)) {
                    // unlike -v, --mount does not make a missing host path (Docker's rule)
                    throw new IllegalArgumentException("invalid mount config for type \"bind\": bind source path does not exist: " + source);
                }
                String propagation = m.bindOptions() == null || m.bindOptions().propagation() == null
                        || m.bindOptions().propagation().isEmpty() ? "rprivate" : m.bindOptions().propagation();
                if (!BindSpec.PROPAGATIONS.contains(propagation)) throw new IllegalArgumentException("invalid propagation mode: " + propagation);
                return new MountPoint(Mount.BIND, "", source.toString(), normalized(m.target()), m.readOnly(), propagation, "", false, false);
            }
            case Mount.VOLUME -> {
                if (m.bindOptions() != null) throw new IllegalArgumentException("invalid mount config for type \"volume\": field BindOptions must not be specified");
                if (m.tmpfsOptions() != null) throw new IllegalArgumentException("invalid mount config for type \"volume\": field TmpfsOptions must not be specified");
                var vo = m.volumeOptions();
                Map<String, String> opts = Map.of();
                if (vo != null && vo.driverConfig() != null) {
                    String driver = vo.driverConfig().name();
                    if (driver != null && !driver.isEmpty() && !driver.equals("local")) {
                        throw new IllegalArgumentException("volume driver " + driver + " is not available: berth has the local driver only");
                    }
                    opts = vo.driverConfig().options();
                }
                if (vo != null && vo.subpath() != null && !vo.subpath().isEmpty()) {
                    throw new IllegalArgumentException("volume-subpath is not supported by berth yet (mount at " + m.target() + ")");
                }
                return volume(m.source(), m.target(), m.readOnly(), vo == null || !vo.noCopy(), opts,
                        vo == null ? Map.of() : vo.labels(), volumes, volumeRoot, newVolumes);
            }
            case Mount.TMPFS -> {
                if (!m.source().isEmpty()) throw new IllegalArgumentException("invalid mount config for type \"tmpfs\": field Source must not be specified");
                if (m.bindOptions() != null || m.volumeOptions() != null) {
                    throw new IllegalArgumentException("invalid mount config for type \"tmpfs\": only TmpfsOptions apply");
                }
                List<String> options = new ArrayList<>();
                if (m.tmpfsOptions() != null && m.tmpfsOptions().sizeBytes() > 0) options.add("size=" + m.tmpfsOptions().sizeBytes());
                if (m.tmpfsOptions() != null && m.tmpfsOptions().mode() != 0) options.add("mode=" + Integer.toOctalString(m.tmpfsOptions().mode()));
                if (m.readOnly()) options.add("ro");
                return new MountPoint(Mount.TMPFS, "", "", normalized(m.target()), m.readOnly(), "", String.join(",", options), false, false);
            }
            default -> throw new IllegalArgumentException("invalid mount config: mount type unknown: \"" + type + "\" (bind, volume or tmpfs)");
        }
    }

    private static MountPoint volume(String name, String target, boolean readOnly, boolean copyUp, Map<String, String> opts,
                                     Map<String, String> labels, VolumeService volumes, Path volumeRoot, List<NewVolume> newVolumes) {
        boolean anonymous = name.isEmpty();
        String chosen = anonymous ? ContainerNames.newId() : name;
        if (!VolumeService.VALID_NAME.matcher(chosen).matches()) {
            throw new IllegalArgumentException("create " + chosen + ": \"" + chosen + "\" includes invalid characters for a local volume name, "
                    + "only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, use absolute path");
        }
        if (anonymous || !volumes.exists(chosen)) newVolumes.add(new NewVolume(chosen, opts, labels, anonymous));
        return new MountPoint(Mount.VOLUME, chosen, volumeRoot.resolve(chosen).resolve("_data").toString(), normalized(target), readOnly,
                "", "", copyUp, anonymous);
    }

    private static void put(Map<String, MountPoint> byTarget, MountPoint m) {
        String target = normalized(m.destination());
        if (byTarget.containsKey(target)) throw new IllegalArgumentException("Duplicate mount point: " + target);
        byTarget.put(target, m);
    }

    private static String normalized(String target) {
        return Path.of(target).normalize().toString();
    }
}
