package dev.berth.compose.loader;

import dev.berth.compose.ComposeException;
import dev.berth.compose.merge.Merger;
import dev.berth.compose.tree.KeyPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Resolves top-level {@code include}: each entry is loaded as a project of its own (its own
 * project directory and env files, no normalization) and its resources are imported; a resource
 * defined both here and in the included file is the local definition merged over the included one.
 */
final class Includes {

    /** One {@code include} entry, paths absolute. */
    record Include(List<Path> paths, Path projectDirectory, List<Path> envFiles) {
    }

    /** Loads the model of an included project. */
    interface ModelReader {
        Map<String, Object> load(Include include, List<Path> includeStack);
    }

    private static final List<String> RESOURCES = List.of("services", "volumes", "networks", "secrets", "configs");

    private Includes() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> apply(Map<String, Object> doc, Path workingDir, List<Path> includeStack,
                                     ModelReader reader) {
        Object raw = doc.get("include");
        if (raw == null) return doc;
        if (!(raw instanceof List<?> entries)) {
            throw new ComposeException(null, KeyPath.of("include"), "include must be a list");
        }
        Map<String, Object> out = new LinkedHashMap<>(doc);
        out.remove("include");
        for (int i = 0; i < entries.size(); i++) {
            Include include = parse(entries.get(i), workingDir, KeyPath.of("include", i));
            Path main = include.paths().getFirst();
            if (includeStack.contains(main)) {
                List<String> cycle = new ArrayList<>(includeStack.stream().map(Path::toString).toList());
                cycle.add(main.toString());
                throw new ComposeException("include cycle detected:\n" + cycle.getFirst() + "\n include "
                        + String.join("\n include ", cycle.subList(1, cycle.size())));
            }
            Map<String, Object> imported = reader.load(include, includeStack);
            for (String kind : RESOURCES) {
                if (!(imported.get(kind) instanceof Map<?, ?> from)) continue;
                Map<String, Object> to = out.get(kind) instanceof Map<?, ?> m
                        ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
                Map<String, Object> merged = new LinkedHashMap<>();
                from.forEach((name, def) -> {
                    Object local = to.get(name);
                    if (local == null || Objects.equals(local, def)) {
                        merged.put((String) name, def);
                    } else if (kind.equals("services") && local instanceof Map<?, ?> lm && def instanceof Map<?, ?> dm) {
                        merged.put((String) name, Merger.mergeService((Map<String, Object>) dm, (Map<String, Object>) lm));
                    } else {
                        merged.put((String) name, local);
                    }
                });
                to.forEach(merged::putIfAbsent);
                out.put(kind, merged);
            }
        }
        return out;
    }

    private static Include parse(Object entry, Path workingDir, KeyPath path) {
        List<Path> paths = new ArrayList<>();
        Path projectDirectory = null;
        List<Path> envFiles = new ArrayList<>();
        if (entry instanceof String s) {
            RemoteResources.rejectRemote(s, path);
            paths.add(workingDir.resolve(s).normalize());
        } else if (entry instanceof Map<?, ?> m) {
            for (String p : strings(m.get("path"))) {
                RemoteResources.rejectRemote(p, path.child("path"));
                paths.add(workingDir.resolve(p).normalize());
            }
            if (m.get("project_directory") instanceof String pd) projectDirectory = workingDir.resolve(pd).normalize();
            for (String f : strings(m.get("env_file"))) {
                Path file = workingDir.resolve(f).normalize();
                if (!Files.isRegularFile(file)) {
                    throw new ComposeException(null, path.child("env_file"),
                            Files.isDirectory(file) ? file + " is not a file" : "env file " + file + " not found");
                }
                envFiles.add(file);
            }
        } else {
            throw new ComposeException(null, path, "an include entry must be a path or a mapping with path");
        }
        if (paths.isEmpty()) throw new ComposeException(null, path, "include requires a path");
        for (Path p : paths) {
            if (!Files.isRegularFile(p)) throw new ComposeException(null, path, "included file " + p + " not found");
        }
        if (projectDirectory == null) projectDirectory = paths.getFirst().getParent();
        if (envFiles.isEmpty()) {
            Path dotEnv = projectDirectory.resolve(".env");
            if (Files.isRegularFile(dotEnv)) envFiles.add(dotEnv);
        }
        return new Include(List.copyOf(paths), projectDirectory, List.copyOf(envFiles));
    }

    private static List<String> strings(Object v) {
        if (v instanceof String s) return List.of(s);
        if (v instanceof List<?> l) return l.stream().map(String::valueOf).toList();
        return List.of();
    }
}
