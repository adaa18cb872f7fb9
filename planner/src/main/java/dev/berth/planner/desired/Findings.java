package dev.berth.planner.desired;

import dev.berth.compose.ComposeError;
import dev.berth.compose.tree.KeyPath;
import java.util.ArrayList;
import java.util.List;

/**
 * What turning a project into engine terms found: errors (the container would not be what the file
 * says: nothing is done) and warnings (harmless, said once). Each names its key path, e.g.
 * {@code services.web.devices: ...}.
 */
final class Findings {

    private final List<ComposeError> errors = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    void error(KeyPath path, String message) {
        errors.add(new ComposeError(null, path, message));
    }

    void warn(KeyPath path, String message) {
        warnings.add(path + ": " + message);
    }

    List<ComposeError> errors() {
        return List.copyOf(errors);
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }

    static KeyPath service(String service, Object... rest) {
        List<Object> segments = new ArrayList<>(List.of("services", service));
        segments.addAll(List.of(rest));
        return new KeyPath(segments);
    }
}
