package dev.berth.compose.normalize;

import dev.berth.compose.yaml.YamlReader;
import java.util.Map;

/** Test helper: YAML text → tree, and the canonical form of one service. */
final class Docs {

    private Docs() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(String text) {
        return (Map<String, Object>) YamlReader.read("test.yml", text).getFirst().root();
    }

    /** The canonical form of service {@code s} declared by the given service body (indented by 4). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> service(String body) {
        Map<String, Object> doc = yaml("services:\n  s:\n" + body.stripIndent().indent(4));
        Map<String, Object> out = Canonical.transform(doc);
        return (Map<String, Object>) ((Map<String, Object>) out.get("services")).get("s");
    }

    static Map<String, Object> canonical(String text) {
        return Canonical.transform(yaml(text));
    }
}
