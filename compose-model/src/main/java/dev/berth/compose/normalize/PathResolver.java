package dev.berth.compose.normalize;

import dev.berth.compose.ComposeException;
import dev.berth.compose.model.Trees;
import dev.berth.compose.tree.KeyPath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Makes the relative paths of a canonical document absolute, as compose-go's
 * {@code ResolveRelativePaths}: build contexts (not remote or {@code docker-image://} ones),
 * additional contexts, ssh key paths, env_file and label_file paths, extends files, watch paths,
 * bind mount sources, secret and config files, include paths and local-driver bind devices.
 * A leading {@code ~} is the home directory. Pure string work: the filesystem is not touched.
 */
public final class PathResolver {

    private static final List<String> REMOTE_PREFIXES =
            List.of("https://", "http://", "git://", "ssh://", "github.com/", "git@");

    private final String workingDir;
    private final String homeDir;

    private PathResolver(Path workingDir, Path homeDir) {
        this.workingDir = workingDir.toString();
        this.homeDir = homeDir == null ? null : homeDir.toString();
    }

    public static Map<String, Object> resolve(Map<String, Object> doc, Path workingDir, Path homeDir) {
        Map<String, Object> out = Trees.copy(doc);
        new PathResolver(workingDir, homeDir).resolveAll(out);
        return out;
    }

    private void resolveAll(Map<String, Object> doc) {
        forEachEntry(doc.get("services"), (name, service) -> resolveService(name, asMap(service)));
        forEachEntry(doc.get("secrets"), (name, s) -> replace(asMap(s), "file", this::maybeUnixPath));
        forEachEntry(doc.get("configs"), (name, c) -> replace(asMap(c), "file", this::maybeUnixPath));
        forEachEntry(doc.get("volumes"), (name, v) -> localBindDevice(asMap(v)));
        if (doc.get("include") instanceof List<?> includes) {
            for (Object i : includes) {
                Map<String, Object> inc = asMap(i);
                if (inc == null) continue;
                replaceEach(inc, "path", this::absPath);
                replace(inc, "project_directory", this::absPath);
                replaceEach(inc, "env_file", this::absPath);
            }
        }
    }

    private void resolveService(String name, Map<String, Object> service) {
        if (service == null) return;
        Map<String, Object> build = asMap(service.get("build"));
        if (build != null) {
            replace(build, "context", this::contextPath);
            Map<String, Object> contexts = asMap(build.get("additional_contexts"));
            if (contexts != null) contexts.replaceAll((k, v) -> v instanceof String s ? contextPath(s) : v);
            if (build.get("ssh") instanceof List<?> ssh) {
                @SuppressWarnings("unchecked")
                List<Object> keys = (List<Object>) ssh;
                keys.replaceAll(k -> k instanceof String s && s.contains("=")
                        ? s.substring(0, s.indexOf('=') + 1) + maybeUnixPath(s.substring(s.indexOf('=') + 1)) : k);
            }
        }
        if (service.get("env_file") instanceof List<?> files) {
            for (Object f : files) {
                Map<String, Object> file = asMap(f);
                if (file != null) replace(file, "path", this::absPath);
            }
        }
        replaceEach(service, "label_file", this::absPath);
        Map<String, Object> extendsCfg = asMap(service.get("extends"));
        if (extendsCfg != null) replace(extendsCfg, "file", f -> isRemote(f) ? f : absPath(f));
        Map<String, Object> develop = asMap(service.get("develop"));
        if (develop != null && develop.get("watch") instanceof List<?> watch) {
            for (Object w : watch) {
                Map<String, Object> trigger = asMap(w);
                if (trigger != null) replace(trigger, "path", this::absPath);
            }
        }
        if (service.get("volumes") instanceof List<?> volumes) {
            for (int i = 0; i < volumes.size(); i++) {
                Map<String, Object> volume = asMap(volumes.get(i));
                if (volume == null || !"bind".equals(volume.get("type"))) continue;
                if (!(volume.get("source") instanceof String)) {
                    throw new ComposeException(null, KeyPath.of("services", name, "volumes").index(i),
                            "invalid mount config for type \"bind\": field Source must not be empty");
                }
                replace(volume, "source", this::maybeUnixPath);
            }
        }
    }

    /** {@code volumes.x: {driver: local, driver_opts: {type: none, o: bind, device: ./data}}}: the device is a host path. */
    private void localBindDevice(Map<String, Object> volume) {
        if (volume == null || !"local".equals(volume.get("driver"))) return;
        Map<String, Object> opts = asMap(volume.get("driver_opts"));
        if (opts != null && "bind".equals(opts.get("o")) && opts.get("device") instanceof String) {
            replace(opts, "device", this::maybeUnixPath);
        }
    }

    String absPath(String p) {
        p = expandUser(p);
        if (GoPaths.isAbs(p) || p.isEmpty()) return p;
        return GoPaths.join(workingDir, p);
    }

    /** Absolute for a Unix or a Windows daemon: {@code C:\data} is left alone. */
    String maybeUnixPath(String p) {
        p = expandUser(p);
        if (GoPaths.isAbs(p) || GoPaths.isWindowsAbs(p)) return p;
        return GoPaths.join(workingDir, p);
    }

    private String contextPath(String p) {
        if (p.contains("://") || p.startsWith("service:") || isRemote(p)) return p;
        return absPath(p);
    }

    private static boolean isRemote(String p) {
        return REMOTE_PREFIXES.stream().anyMatch(p::startsWith);
    }

    private String expandUser(String p) {
        if (p.startsWith("~") && homeDir != null) return GoPaths.join(homeDir, p.substring(1));
        return p;
    }

    private static void replace(Map<String, Object> m, String key, java.util.function.UnaryOperator<String> f) {
        if (m != null && m.get(key) instanceof String s) m.put(key, f.apply(s));
    }

    private static void replaceEach(Map<String, Object> m, String key, java.util.function.UnaryOperator<String> f) {
        if (m.get(key) instanceof String s) {
            m.put(key, f.apply(s));
        } else if (m.get(key) instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(e -> out.add(e instanceof String s ? f.apply(s) : e));
            m.put(key, out);
        }
    }

    private static void forEachEntry(Object value, java.util.function.BiConsumer<String, Object> action) {
        if (value instanceof Map<?, ?> m) m.forEach((k, v) -> action.accept(String.valueOf(k), v));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }
}
