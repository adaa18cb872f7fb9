package dev.berth.engine.volume;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.berth.engine.container.ContainerNames;
import dev.berth.engine.sys.MountTable;
import dev.berth.engine.sys.SyscallException;
import dev.berth.engine.sys.Syscalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The engine's named volumes with the local driver, as Docker's: {@code BERTH_ROOT/volumes/<name>/}
 * holds {@code volume.json} and the data in {@code _data}. A volume with driver options
 * ({@code type}/{@code o}/{@code device}) has that filesystem mounted on {@code _data} while a running
 * container uses it (counted per container) and unmounted after the last one, as Docker's local driver
 * does; a plain volume is just the directory. The one owner of volumes in berthd.
 */
public final class VolumeService {

    /** Docker's volume names: at least two characters of {@code [a-zA-Z0-9][a-zA-Z0-9_.-]}. */
    public static final Pattern VALID_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");
    private static final Set<String> OPTIONS = Set.of("type", "o", "device");
    private static final int MS_BIND = 4096;

    private final Path dir;
    private final Syscalls sys;
    /** Which containers (by ID) refer to a volume, running or not: the container store's answer. */
    private final Function<String, List<String>> users;
    private final Map<String, Set<String>> mountedFor = new HashMap<>();
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    public VolumeService(Path dir, Syscalls sys, Function<String, List<String>> users) throws IOException {
        this.dir = dir;
        this.sys = sys;
        this.users = users;
        Files.createDirectories(dir);
    }

    /** Docker's create: an existing name answers the existing volume; no name makes an anonymous one. */
    public synchronized Volume create(String name, Map<String, String> driverOpts, Map<String, String> labels) throws IOException {
        boolean anonymous = name == null || name.isEmpty();
        return make(anonymous ? ContainerNames.newId() : name, anonymous, driverOpts, labels);
    }

    /** An anonymous volume under a name chosen before (a container's mounts are planned before they are made). */
    public synchronized Volume createAnonymous(String name, Map<String, String> driverOpts, Map<String, String> labels) throws IOException {
        return make(name, true, driverOpts, labels);
    }

    private Volume make(String chosen, boolean anonymous, Map<String, String> driverOpts, Map<String, String> labels) throws IOException {
        Map<String, String> opts = driverOpts == null ? Map.of() : driverOpts;
        for (String k : opts.keySet()) {
            if (!OPTIONS.contains(k)) throw new IllegalArgumentException("invalid option key: \"" + k + "\" (the local driver takes type, o, device)");
        }
        if (!opts.isEmpty() && !opts.containsKey("type")) {
            throw new IllegalArgumentException("invalid volume options: \"type\" is required with \"o\" or \"device\"");
        }
        if (opts.containsKey("o") && opts.get("o").contains("bind") && !opts.containsKey("device")) {
            throw new IllegalArgumentException("invalid volume options: a bind needs \"device\" (the host path)");
        }
        if (!VALID_NAME.matcher(chosen).matches()) {
            throw new IllegalArgumentException("create " + chosen + ": \"" + chosen + "\" includes invalid characters for a local volume name, "
                    + "only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, use absolute path");
        }
        Path home = dir.resolve(chosen);
        if (Files.exists(home.resolve("volume.json"))) return read(chosen);
        Map<String, String> allLabels = new java.util.TreeMap<>(labels == null ? Map.of() : labels);
        if (anonymous) allLabels.put(Volume.ANONYMOUS_LABEL, "");
        Volume v = new Volume(chosen, "local", home.resolve("_data").toString(), Instant.now().truncatedTo(ChronoUnit.SECONDS),
                allLabels, opts, anonymous);
        Files.createDirectories(home.resolve("_data"));
        write(v);
        return v;
    }

    public synchronized Volume get(String name) throws IOException {
        if (name == null || !VALID_NAME.matcher(name).matches()) throw new VolumeNotFoundException(String.valueOf(name));
        return read(name);
    }

    public synchronized boolean exists(String name) {
        return name != null && VALID_NAME.matcher(name).matches() && Files.exists(dir.resolve(name).resolve("volume.json"));
    }

    /** By name; filters as {@code docker volume ls}: {@code name=} (substring), {@code label=K[=V]}, {@code dangling=}. */
    public synchronized List<Volume> list(List<String> filters) throws IOException {
        Map<String, List<String>> by = new HashMap<>();
        for (String f : filters) {
            int eq = f.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("bad format of filter (expected name=value): " + f);
            String key = f.substring(0, eq);
            if (!Set.of("name", "label", "dangling", "driver").contains(key)) throw new IllegalArgumentException("invalid filter '" + key + "'");
            by.computeIfAbsent(key, k -> new ArrayList<>()).add(f.substring(eq + 1));
        }
        List<Volume> out = new ArrayList<>();
        for (Volume v : all()) {
            if (matches(v, by)) out.add(v);
        }
        return out;
    }

    private boolean matches(Volume v, Map<String, List<String>> by) {
        for (var e : by.entrySet()) {
            boolean any = false;
            for (String value : e.getValue()) {
                any |= switch (e.getKey()) {
                    case "name" -> v.name().contains(value);
                    case "driver" -> v.driver().equals(value);
                    case "dangling" -> (value.equals("true") || value.equals("1")) == users.apply(v.name()).isEmpty();
                    default -> {
                        int eq = value.indexOf('=');
                        yield eq < 0 ? v.labels().containsKey(value) : value.substring(eq + 1).equals(v.labels().get(value.substring(0, eq)));
                    }
                };
            }
            if (!any) return false;
        }
        return true;
    }

    /** Docker's rm: refused while any container refers to it; {@code force} also ignores a missing one. */
    public synchronized void remove(String name, boolean force) throws IOException {
        if (!exists(name)) {
            if (force) return;
            throw new VolumeNotFoundException(name);
        }
        List<String> using = users.apply(name);
        if (!using.isEmpty()) throw new VolumeInUseException(name, using);
        Path home = dir.resolve(name);
        unmountIfMounted(home.resolve("_data"));
        mountedFor.remove(name);
        // the record goes first: a half-deleted volume is never listed
        Files.deleteIfExists(home.resolve("volume.json"));
        deleteTree(home);
    }

    /** Unused volumes: anonymous ones, or all with {@code all}; filters as {@link #list}. */
    public synchronized List<String> prune(boolean all, List<String> filters) throws IOException {
        List<String> removed = new ArrayList<>();
        for (Volume v : list(filters)) {
            if (!all && !v.anonymous()) continue;
            if (!users.apply(v.name()).isEmpty()) continue;
            remove(v.name(), false);
            removed.add(v.name());
        }
        return removed;
    }

    /**
     * Where a container's mount of the volume comes from, mounted first if the volume has driver
     * options (counted for {@code containerId} until {@link #release}).
     */
    public synchronized Path acquire(String name, String containerId) throws IOException {
        Volume v = get(name);
        Path data = Path.of(v.mountpoint());
        if (v.options().isEmpty()) return data;
        Set<String> holders = mountedFor.computeIfAbsent(name, k -> new HashSet<>());
        if (holders.isEmpty() && !MountTable.isMountPoint(data)) mount(v, data);
        holders.add(containerId);
        return data;
    }

    /** The container no longer runs: the last one out unmounts a volume with driver options. */
    public synchronized void release(String name, String containerId) throws IOException {
        Set<String> holders = mountedFor.get(name);
        if (holders == null || !holders.remove(containerId) || !holders.isEmpty()) return;
        mountedFor.remove(name);
        if (exists(name)) unmountIfMounted(Path.of(read(name).mountpoint()));
    }

    private void mount(Volume v, Path data) throws IOException {
        Map<String, String> o = v.options();
        String type = o.get("type");
        String options = o.getOrDefault("o", "");
        List<String> flags = new ArrayList<>(List.of(options.split(",")));
        boolean bind = flags.remove("bind") | flags.remove("rbind");
        try {
            if (bind) {
                Path device = Path.of(o.get("device"));
                if (!Files.isDirectory(device)) {
                    throw new IllegalArgumentException("error while mounting volume '" + data + "': failed to mount local volume: "
                            + "mount " + device + ":" + data + ", flags: 0x1000: no such file or directory");
                }
                sys.mount(device.toString(), data, "none", MS_BIND | 16384 /* MS_REC */, "");
            } else {
                flags.removeIf(String::isEmpty);
                sys.mount(o.getOrDefault("device", type), data, type, 0, String.join(",", flags));
            }
        } catch (SyscallException e) {
            throw new IOException("error while mounting volume '" + v.name() + "' (type=" + type + ", o=" + options + "): " + e.getMessage(), e);
        }
    }

    private void unmountIfMounted(Path data) throws IOException {
        if (MountTable.isMountPoint(data)) sys.umount2(data, Syscalls.MNT_DETACH);
    }

    /** At berthd's start: what is mounted for containers no longer running (a berthd that died) comes off. */
    public synchronized void unmountUnused(Map<String, Set<String>> runningUsers) throws IOException {
        for (Volume v : all()) {
            if (v.options().isEmpty()) continue;
            Set<String> holders = runningUsers.getOrDefault(v.name(), Set.of());
            if (holders.isEmpty()) unmountIfMounted(Path.of(v.mountpoint()));
            else mountedFor.put(v.name(), new HashSet<>(holders));
        }
    }

    public Path directory() {
        return dir;
    }

    private List<Volume> all() throws IOException {
        List<Volume> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                if (Files.exists(p.resolve("volume.json"))) out.add(read(p.getFileName().toString()));
            }
        }
        out.sort(Comparator.comparing(Volume::name));
        return out;
    }

    private Volume read(String name) throws IOException {
        try {
            return json.readValue(dir.resolve(name).resolve("volume.json").toFile(), Volume.class);
        } catch (java.io.FileNotFoundException | NoSuchFileException e) {
            throw new VolumeNotFoundException(name);
        }
    }

    private void write(Volume v) throws IOException {
        Path tmp = dir.resolve(v.name()).resolve("volume.json.tmp");
        json.writeValue(tmp.toFile(), v);
        Files.move(tmp, dir.resolve(v.name()).resolve("volume.json"), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Deletes without following symlinks out of the volume (a container may have left any). */
    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
