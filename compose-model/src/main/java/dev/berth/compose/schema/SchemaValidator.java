package dev.berth.compose.schema;

import dev.berth.compose.ComposeError;
import dev.berth.compose.tree.KeyPath;
import dev.berth.compose.tree.OverrideTag;
import dev.berth.compose.tree.ResetTag;
import dev.berth.compose.tree.SourceMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a Compose document against the Compose Specification's schema, as compose-go does before
 * it loads a project, and reports every violation with its key path and source position.
 *
 * <p>The schema is Berth's own Java rendering of compose-spec.json (see {@link ComposeSchema}); no
 * JSON schema is read at run time. Values that are still {@code ${VAR}} strings pass wherever the
 * schema allows a string. {@code !reset} values are accepted anywhere (a {@code !reset} key counts as
 * absent, as compose-go removes it before validating); {@code !override v} is checked as {@code v}.
 */
public final class SchemaValidator {

    private SchemaValidator() {
    }

    /**
     * All schema violations of {@code document} (a tree of plain values as read by the YAML reader),
     * in document order; empty when the document is valid.
     *
     * @param positions where each value came from; may be null
     */
    public static List<ComposeError> validate(Object document, SourceMap positions) {
        Report report = new Report();
        Object root = document;
        while (root instanceof OverrideTag(Object inner)) root = inner;
        if (root == ResetTag.INSTANCE) return List.of();
        if (!(root instanceof Map<?, ?>)) {
            report.add(KeyPath.ROOT, "top-level object must be a mapping, got " + Kind.describe(root));
        } else {
            ComposeSchema.DOCUMENT.check(root, KeyPath.ROOT, report);
        }
        List<ComposeError> errors = new ArrayList<>(report.findings().size());
        for (Finding f : report.findings()) {
            errors.add(new ComposeError(positions == null ? null : positions.find(f.path()), f.path(), f.message()));
        }
        return errors;
    }

    /** Whether {@code document} satisfies the schema. */
    public static boolean isValid(Object document) {
        return validate(document, null).isEmpty();
    }

    /**
     * The error as compose-go prints it: the dotted path ({@code services.web.ports.0}) then the
     * message, e.g. {@code services.foo.image must be a string, got a list}. compose-go names the
     * mapping that holds an unknown key, not the key.
     */
    public static String composeGoText(ComposeError error) {
        KeyPath path = error.path() == null ? KeyPath.ROOT : error.path();
        if (error.message().startsWith("additional properties ")) path = path.parent();
        StringBuilder sb = new StringBuilder();
        for (Object segment : path.segments()) {
            if (!sb.isEmpty()) sb.append('.');
            sb.append(segment);
        }
        if (!sb.isEmpty()) sb.append(' ');
        return sb.append(error.message()).toString();
    }
}
