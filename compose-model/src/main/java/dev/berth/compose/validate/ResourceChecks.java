package dev.berth.compose.validate;

import dev.berth.compose.ComposeError;
import dev.berth.compose.tree.KeyPath;
import java.util.List;
import java.util.Map;

/** Checks on top-level networks, volumes, secrets and configs. */
final class ResourceChecks {

    private static final List<String> SECTIONS = List.of("networks", "volumes", "secrets", "configs");

    private ResourceChecks() {
    }

    static void check(Map<String, Object> model, List<ComposeError> errors) {
        for (String section : SECTIONS) {
            Values.map(model.get(section)).forEach((key, def) -> {
                KeyPath path = KeyPath.of(section, key);
                Map<String, Object> resource = Values.map(def);
                checkExternalName(path, resource, errors);
                switch (section) {
                    case "volumes" -> checkExternalVolume(path, resource, errors);
                    case "secrets" -> checkSecret(key, path, resource, errors);
                    case "configs" -> checkConfig(path, resource, errors);
                    default -> { }
                }
            });
        }
    }

    /** Behaviour 75: the deprecated {@code external.name} may not disagree with {@code name}. */
    private static void checkExternalName(KeyPath path, Map<String, Object> resource, List<ComposeError> errors) {
        if (!(resource.get("external") instanceof Map<?, ?> external)) return;
        Object externalName = external.get("name");
        Object name = resource.get("name");
        if (externalName != null && name != null && !externalName.equals(name)) {
            errors.add(new ComposeError(null, path, "name and external.name conflict; only use name"));
        }
    }

    /**
     * Behaviour 75: an external volume is not created by Compose, so options for creating it are
     * contradictions. (compose-go checks volumes only.)
     */
    private static void checkExternalVolume(KeyPath path, Map<String, Object> volume, List<ComposeError> errors) {
        if (!Values.isTrue(volume.get("external")) && !(volume.get("external") instanceof Map)) return;
        for (String key : volume.keySet()) {
            if (key.equals("name") || key.equals("external") || key.startsWith("x-")) continue;
            errors.add(new ComposeError(null, path,
                    "conflicting parameters \"external\" and \"" + key + "\" specified"));
        }
    }

    /** Behaviour 70: a secret Compose provides needs its content from a file or a variable. */
    private static void checkSecret(String name, KeyPath path, Map<String, Object> secret, List<ComposeError> errors) {
        if (isExternal(secret)) return;
        boolean file = secret.get("file") != null;
        boolean environment = secret.get("environment") != null;
        if (file && environment) {
            errors.add(new ComposeError(null, path, "file|environment attributes are mutually exclusive"));
        } else if (!file && !environment) {
            errors.add(new ComposeError(null, path,
                    "secret \"" + name + "\" must declare either `file` or `environment`"));
        }
    }

    private static void checkConfig(KeyPath path, Map<String, Object> config, List<ComposeError> errors) {
        long sources = List.of("file", "environment", "content").stream().filter(k -> config.get(k) != null).count();
        if (sources > 1) {
            errors.add(new ComposeError(null, path, "file|environment|content attributes are mutually exclusive"));
        } else if (sources == 0 && !isExternal(config) && config.get("driver") == null) {
            errors.add(new ComposeError(null, path, "one of file|environment|content must be set"));
        }
    }

    private static boolean isExternal(Map<String, Object> resource) {
        return Values.isTrue(resource.get("external")) || resource.get("external") instanceof Map;
    }
}
