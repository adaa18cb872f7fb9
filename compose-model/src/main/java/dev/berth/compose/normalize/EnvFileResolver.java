package dev.berth.compose.normalize;

import dev.berth.compose.ComposeException;
import dev.berth.compose.dotenv.RawEnvFile;
import dev.berth.compose.model.Trees;
import dev.berth.compose.tree.KeyPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A service's effective environment and labels, as compose-go resolves them on a canonical
 * project: variables of {@code env_file}s (later files win) overridden by {@code environment};
 * bare keys in {@code environment} take the project environment's value or stay null (unset);
 * labels of {@code label_file}s overridden by {@code labels}. The file lists are kept.
 */
public final class EnvFileResolver {

    private final Map<String, String> projectEnv;
    private final EnvFileParser parser;
    private final Path baseDir;

    /**
     * @param baseDir    where relative file paths are read from (after {@link PathResolver} they are absolute)
     * @param projectEnv the project's environment (process environment and {@code .env})
     */
    public EnvFileResolver(Path baseDir, Map<String, String> projectEnv, EnvFileParser parser) {
        this.baseDir = baseDir;
        this.projectEnv = Map.copyOf(projectEnv);
        this.parser = parser;
    }

    public Map<String, Object> resolve(Map<String, Object> doc) {
        return resolve(doc, false);
    }

    /** As {@link #resolve(Map)}; {@code discardEnvFiles} ({@code --discard-env-file}) drops the env_file lists once read. */
    public Map<String, Object> resolve(Map<String, Object> doc, boolean discardEnvFiles) {
        Map<String, Object> out = Trees.copy(doc);
        if (out.get("services") instanceof Map<?, ?> services) {
            services.forEach((name, svc) -> {
                if (svc instanceof Map<?, ?> m) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> service = (Map<String, Object>) m;
                    resolveService(String.valueOf(name), service);
                    if (discardEnvFiles) service.remove("env_file");
                }
            });
        }
        return out;
    }

    private void resolveService(String name, Map<String, Object> service) {
        Map<String, Object> declared = stringMap(service.get("environment"));
        declared.replaceAll((k, v) -> v == null && projectEnv.containsKey(k) ? projectEnv.get(k) : v);
        Map<String, Object> fromFiles = new LinkedHashMap<>();
        if (service.get("env_file") instanceof List<?> files) {
            for (int i = 0; i < files.size(); i++) {
                if (!(files.get(i) instanceof Map<?, ?> f) || !(f.get("path") instanceof String path)) continue;
                boolean required = !Boolean.FALSE.equals(f.get("required"));
                Path file = baseDir.resolve(path);
                if (!Files.exists(file)) {
                    if (!required) continue;
                    throw new ComposeException(null, KeyPath.of("services", name, "env_file").index(i),
                            "env file " + path + " not found");
                }
                Object format = f.get("format");
                if (format != null && !"raw".equals(format)) {
                    throw new ComposeException(null, KeyPath.of("services", name, "env_file").index(i).child("format"),
                            "unsupported env_file format \"" + format + "\": expected raw, or no format for a .env file");
                }
                fromFiles.putAll("raw".equals(format)
                        ? RawEnvFile.read(file, projectEnv::get)
                        : parser.parse(file, key -> lookup(key, declared, fromFiles)));
            }
        }
        if (service.containsKey("environment") || !fromFiles.isEmpty()) {
            Map<String, Object> env = new LinkedHashMap<>(fromFiles);
            env.putAll(declared);
            service.put("environment", env);
        }
        if (service.get("label_file") instanceof List<?> labelFiles) {
            Map<String, Object> labels = new LinkedHashMap<>();
            for (int i = 0; i < labelFiles.size(); i++) {
                if (!(labelFiles.get(i) instanceof String path)) continue;
                Path file = baseDir.resolve(path);
                if (!Files.exists(file)) {
                    throw new ComposeException(null, KeyPath.of("services", name, "label_file").index(i),
                            "label file " + path + " not found");
                }
                labels.putAll(parser.parse(file, projectEnv::get));
            }
            labels.putAll(stringMap(service.get("labels")));
            service.put("labels", labels);
        }
    }

    /** {@code ${VAR}} in an env file: the project environment, then the service's own, then earlier files. */
    private String lookup(String key, Map<String, Object> declared, Map<String, Object> fromFiles) {
        if (projectEnv.containsKey(key)) return projectEnv.get(key);
        if (declared.get(key) instanceof String s) return s;
        return fromFiles.get(key) instanceof String s ? s : null;
    }

    private static Map<String, Object> stringMap(Object value) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> m) m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }
}
