package dev.berth.planner.desired;

import dev.berth.compose.tree.KeyPath;
import dev.berth.engine.container.Mount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A service's filesystem as compose's {@code buildContainerVolumes} makes it: {@code volumes} entries,
 * then file {@code secrets} and {@code configs} at targets no volume took. A plain bind goes to
 * {@code HostConfig.Binds} ({@code -v}'s rule: a missing host directory is created); a bind that must
 * not create its source ({@code create_host_path: false}, secrets, configs) or has a propagation goes to
 * {@code HostConfig.Mounts}, as do named/anonymous volumes and tmpfs mounts.
 *
 * @param binds   {@code src:dst:rw|ro[,z]} strings
 * @param mounts  Docker's {@code HostConfig.Mounts}
 * @param tmpfs   the {@code tmpfs} key: container path → mount options
 * @param volumes the project volume keys mounted
 */
record ServiceMounts(List<String> binds, List<Mount> mounts, Map<String, String> tmpfs, List<String> volumes) {

    static ServiceMounts of(String service, Map<String, Object> def, Map<String, Object> model, Findings f) {
        List<String> binds = new ArrayList<>();
        List<Mount> mounts = new ArrayList<>();
        Set<String> targets = new LinkedHashSet<>();
        Set<String> used = new LinkedHashSet<>();
        List<Object> volumes = Tree.list(def, "volumes");
        for (int i = 0; i < volumes.size(); i++) {
            Map<String, Object> v = Tree.map(volumes.get(i));
            KeyPath at = Findings.service(service, "volumes").index(i);
            String target = Tree.string(v, "target");
            targets.add(target);
            String type = Tree.string(v, "type");
            boolean ro = Tree.flag(v, "read_only");
            switch (type == null ? "volume" : type) {
                case "bind" -> bind(v, target, ro, at, binds, mounts, f);
                case "volume" -> {
                    String source = Tree.string(v, "source");
                    String name = "";
                    if (source != null && !source.isEmpty()) {
                        Map<String, Object> project = Tree.map(Tree.map(model, "volumes"), source);
                        name = Tree.string(project, "name") != null ? Tree.string(project, "name") : source;
                        if (Tree.map(model, "volumes").containsKey(source)) used.add(source);
                    }
                    Map<String, Object> opts = Tree.map(v, "volume");
                    boolean nocopy = Tree.flag(opts, "nocopy");
                    String subpath = Tree.string(opts, "subpath");
                    Mount.VolumeOptions vo = nocopy || subpath != null
                            ? new Mount.VolumeOptions(nocopy, Map.of(), null, subpath == null ? "" : subpath) : null;
                    mounts.add(new Mount(Mount.VOLUME, name, target, ro, null, vo, null));
                }
                case "tmpfs" -> {
                    Map<String, Object> t = Tree.map(v, "tmpfs");
                    mounts.add(Mount.tmpfs(target, Tree.number(t, "size"), (int) Tree.number(t, "mode")));
                }
                default -> f.error(at.child("type"), "berth mounts bind, volume and tmpfs only, not " + type
                        + " (remove the entry to run the service)");
            }
        }
        files(service, def, model, "secrets", "/run/secrets/", targets, mounts, f);
        files(service, def, model, "configs", "/", targets, mounts, f);

        Map<String, String> tmpfs = new LinkedHashMap<>();
        for (String t : Tree.strings(def, "tmpfs")) {
            int colon = t.indexOf(':');
            tmpfs.put(colon < 0 ? t : t.substring(0, colon), colon < 0 ? "" : t.substring(colon + 1));
        }
        return new ServiceMounts(binds, mounts, tmpfs, List.copyOf(used));
    }

    private static void bind(Map<String, Object> v, String target, boolean ro, KeyPath at, List<String> binds,
                             List<Mount> mounts, Findings f) {
        String source = Tree.string(v, "source");
        Map<String, Object> opts = Tree.map(v, "bind");
        // compose-go's default: create_host_path is true unless it says false
        boolean create = !Boolean.FALSE.equals(opts.get("create_host_path")) && !"false".equals(opts.get("create_host_path"));
        String propagation = Tree.string(opts, "propagation");
        String recursive = Tree.string(opts, "recursive");
        if (recursive != null && !recursive.equals("enabled")) {
            f.error(at.child("bind").child("recursive"), "berth binds recursively only, not " + recursive
                    + " (remove the key to run the service)");
        }
        if (!create || propagation != null) {
            mounts.add(new Mount(Mount.BIND, source, target, ro,
                    new Mount.BindOptions(propagation == null ? "" : propagation, create), null, null));
            return;
        }
        // compose-go's ServiceVolumeConfig.String(): src:dst:rw|ro[,selinux]
        StringBuilder b = new StringBuilder(source).append(':').append(target).append(':').append(ro ? "ro" : "rw");
        String selinux = Tree.string(opts, "selinux");
        if (selinux != null && !selinux.isEmpty()) b.append(',').append(selinux);
        binds.add(b.toString());
    }

    /** File secrets/configs as read-only binds of the file, which must exist (no host path is created). */
    private static void files(String service, Map<String, Object> def, Map<String, Object> model, String kind, String base,
                              Set<String> targets, List<Mount> mounts, Findings f) {
        List<Object> refs = Tree.list(def, kind);
        String singular = kind.substring(0, kind.length() - 1);
        for (int i = 0; i < refs.size(); i++) {
            Map<String, Object> ref = Tree.map(refs.get(i));
            KeyPath at = Findings.service(service, kind).index(i);
            String source = Tree.string(ref, "source");
            String target = Tree.string(ref, "target");
            if (target == null || target.isEmpty()) target = base + source;
            else if (!target.startsWith("/")) target = base + target;
            Map<String, Object> defined = Tree.map(Tree.map(model, kind), source);
            String name = Tree.string(defined, "name") == null ? source : Tree.string(defined, "name");
            if (Tree.flag(defined, "external")) {
                f.error(at, "unsupported external " + singular + " " + name + " (as in docker compose)");
                continue;
            }
            if (defined.get("driver") != null || defined.get("template_driver") != null) {
                f.error(at, kind + " drivers are not supported (as in docker compose): " + singular + " " + source);
                continue;
            }
            if (defined.get("environment") != null || defined.get("content") != null) {
                f.error(at, singular + " " + source + " comes from " + (defined.get("environment") != null ? "an environment variable" : "content:")
                        + "; berth mounts file " + kind + " only yet (use file:)");
                continue;
            }
            String file = Tree.string(defined, "file");
            if (file == null) {
                f.error(at, singular + " " + source + " has no file: to mount");
                continue;
            }
            if (ref.get("uid") != null || ref.get("gid") != null || ref.get("mode") != null) {
                f.warn(at, kind + " uid, gid and mode are not supported (as in docker compose); ignored");
            }
            if (kind.equals("secrets") && !Files.exists(Path.of(file))) {
                f.warn(at, "secret file " + file + " does not exist");
            }
            if (!targets.add(target)) continue; // a volume at the same target wins, as in compose
            mounts.add(new Mount(Mount.BIND, file, target, true, new Mount.BindOptions("", false), null, null));
        }
    }
}
