package dev.berth.compose.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.compose.ComposeException;
import dev.berth.compose.yaml.YamlDocument;
import dev.berth.compose.yaml.YamlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every real-world Compose file of the corpus goes through Canonical → PathResolver →
 * CanonicalOrder without error (variables replaced by their defaults or by "1" first; files that
 * are negative fixtures or not Compose files are left out).
 */
class CorpusSmokeTest {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_]+)(?:(:?[-?+])([^}]*))?}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    @Test
    void realWorldFilesCanonicalize() throws IOException {
        Path shared = Path.of(System.getProperty("berth.repo.root", ".")).resolve("../shared").toAbsolutePath().normalize();
        Assumptions.assumeTrue(Files.isDirectory(shared), "../shared absent (a user's clone): conformance data not available");
        Path corpus = shared.resolve("compose-spec");
        List<String> failures = new ArrayList<>();
        int files = 0;
        try (Stream<Path> paths = Files.walk(corpus)) {
            for (Path file : paths.filter(p -> p.toString().matches(".*\\.ya?ml$")).sorted().toList()) {
                String text = Files.readString(file);
                if (!text.contains("services:") || file.toString().contains("/schema/")) continue;
                List<YamlDocument> docs;
                try {
                    docs = YamlReader.read(file.toString(), text);
                } catch (ComposeException e) {
                    continue; // not loadable YAML: the reader's own tests cover these
                }
                for (YamlDocument doc : docs) {
                    if (!(doc.root() instanceof Map<?, ?> root) || !(root.get("services") instanceof Map<?, ?>)) continue;
                    files++;
                    try {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> substituted = (Map<String, Object>) substitute(root);
                        CanonicalOrder.marshalled(PathResolver.resolve(Canonical.transform(substituted),
                                file.getParent(), Path.of("/home/me")));
                    } catch (RuntimeException e) {
                        failures.add(corpus.relativize(file) + ": " + e.getMessage());
                    }
                }
            }
        }
        assertEquals(List.of(), failures, files + " documents");
        assertTrue(files > 200, "only " + files + " documents found");
    }

    /** Interpolation stand-in: a default when there is one, else "1". */
    private static Object substitute(Object value) {
        if (value instanceof String s) {
            Matcher m = VARIABLE.matcher(s);
            return m.replaceAll(r -> Matcher.quoteReplacement(
                    r.group(2) != null && r.group(2).contains("-") ? r.group(3) : "1"));
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), substitute(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(substitute(v)));
            return out;
        }
        return value;
    }
}
