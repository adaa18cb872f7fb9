package dev.berth.compose.schema;

import java.util.Map;

/**
 * Where compose-go's schema is wider than the spec's draft-07 copy: {@code services.*.pre_start},
 * {@code build.no_cache_filter}, null entries under a service's {@code models}.
 */
final class ComposeGoAdditions {

    private ComposeGoAdditions() {
    }

    static boolean uses(Object root) {
        if (!(root instanceof Map<?, ?> doc) || !(doc.get("services") instanceof Map<?, ?> services)) return false;
        for (Object s : services.values()) {
            if (!(s instanceof Map<?, ?> service)) continue;
            if (service.containsKey("pre_start")) return true;
            if (service.get("build") instanceof Map<?, ?> build && build.containsKey("no_cache_filter")) return true;
            if (service.get("models") instanceof Map<?, ?> models && models.containsValue(null)) return true;
        }
        return false;
    }
}
