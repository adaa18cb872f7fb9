package dev.berth.compose.loader;

import dev.berth.compose.ComposeException;
import dev.berth.compose.merge.Merger;
import dev.berth.compose.model.Trees;
import dev.berth.compose.tree.KeyPath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves {@code extends} in one document's services: the base service (same file, or another
 * file read and interpolated on its own, its relative paths resolved against its own directory) is
 * extended recursively and the extending service is merged over it with the service merge rules.
 */
final class Extends {

    /** Reads another file's services for {@code extends: {file: …}}; paths in it already resolved. */
    interface ServicesReader {
        Map<String, Object> services(Path file);
    }

    private record Ref(Path file, String service) {
    }

    private final ServicesReader reader;

    Extends(ServicesReader reader) {
        this.reader = reader;
    }

    /** A copy of {@code doc} whose services have no {@code extends} left. */
    @SuppressWarnings("unchecked")
    Map<String, Object> apply(Map<String, Object> doc, Path file) {
        if (!(doc.get("services") instanceof Map<?, ?> raw)) return doc;
        Map<String, Object> services = new LinkedHashMap<>((Map<String, Object>) raw);
        for (String name : List.copyOf(services.keySet())) {
            services.put(name, extend(name, services, file, new ArrayList<>()));
        }
        Map<String, Object> out = new LinkedHashMap<>(doc);
        out.put("services", services);
        return out;
    }

    @SuppressWarnings("unchecked")
    private Object extend(String name, Map<String, Object> services, Path file, List<Ref> chain) {
        Object s = services.get(name);
        if (!(s instanceof Map<?, ?> raw) || !raw.containsKey("extends")) return s;
        Map<String, Object> service = (Map<String, Object>) raw;
        Object ext = service.get("extends");
        String ref;
        Path refFile = null;
        if (ext instanceof String str) {
            ref = str;
        } else if (ext instanceof Map<?, ?> m) {
            if (!(m.get("service") instanceof String str)) {
                throw new ComposeException(null, KeyPath.of("services", name, "extends"),
                        "extends." + name + ".service is required");
            }
            ref = str;
            if (m.get("file") instanceof String f) {
                RemoteResources.rejectRemote(f, KeyPath.of("services", name, "extends", "file"));
                refFile = file.getParent().resolve(f).normalize();
            }
        } else {
            throw new ComposeException(null, KeyPath.of("services", name, "extends"),
                    "extends must be a service name or a mapping with service and file");
        }

        Map<String, Object> baseServices = services;
        Path baseFile = file;
        if (refFile != null) {
            baseServices = new LinkedHashMap<>(reader.services(refFile));
            baseFile = refFile;
            if (!baseServices.containsKey(ref)) {
                throw new ComposeException(null, KeyPath.of("services", name, "extends"),
                        "cannot extend service \"" + name + "\" in " + file + ": service \"" + ref
                                + "\" not found in " + refFile);
            }
        } else if (!services.containsKey(ref)) {
            throw new ComposeException(null, KeyPath.of("services", name, "extends"),
                    "cannot extend service \"" + name + "\" in " + file + ": service \"" + ref + "\" not found");
        }

        Ref self = new Ref(file, name);
        if (chain.contains(self)) {
            StringBuilder msg = new StringBuilder("Circular reference:\n  ")
                    .append(chain.getFirst().service()).append(" in ").append(chain.getFirst().file());
            for (Ref r : chain.subList(1, chain.size())) {
                msg.append("\n  extends ").append(r.service()).append(" in ").append(r.file());
            }
            msg.append("\n  extends ").append(name).append(" in ").append(file);
            throw new ComposeException(msg.toString());
        }
        List<Ref> next = new ArrayList<>(chain);
        next.add(self);

        Object base = extend(ref, baseServices, baseFile, next);
        if (base == null) {
            Map<String, Object> out = new LinkedHashMap<>(service);
            out.remove("extends");
            return out;
        }
        Map<String, Object> merged = Merger.mergeService(Trees.copy((Map<String, Object>) base), service);
        merged = new LinkedHashMap<>(merged);
        merged.remove("extends");
        return merged;
    }
}
