package dev.berth.compose.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.compose.SharedData;
import dev.berth.compose.model.Project;
import dev.berth.compose.output.ConfigOutput;
import dev.berth.compose.yaml.YamlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * compose-go's full example, loaded by the whole pipeline under the conditions of its reference
 * test (SOURCES.md: HOME=/HOME, BAR, QUX set; no normalization, no consistency check, paths
 * resolved), must equal the golden {@code expected-marshal.json} field by field, and its YAML
 * twin {@code expected-marshal.yaml} field by field and in key order.
 */
class FullExampleGoldenTest {

    @Test
    void fullExampleMatchesTheGoldenModel() throws IOException {
        Path dir = SharedData.composeSpec().resolve("compose-go-full-example");
        Map<String, String> env = Map.of("HOME", "/HOME", "BAR", "this is a secret", "QUX", "qux_from_environment");
        Project project = ProjectLoader.load(LoadOptions.defaults(dir, env)
                .withFiles("full-example.yml")
                .withNormalize(false)
                .withConsistency(false)
                .withResolvePaths(true)
                .withAllResources(true));
        Object ours = placeholders(ConfigOutput.json(project), dir.toString());
        Object golden = new ObjectMapper().readValue(dir.resolve("expected-marshal.json").toFile(), Map.class);
        List<String> diffs = new ArrayList<>();
        diff("", golden, ours, diffs);
        diffs.forEach(System.out::println);
        assertEquals(List.of(), diffs, diffs.size() + " fields differ from expected-marshal.json");

        // The YAML golden also fixes the key order `berth config` writes.
        Object yamlOurs = placeholders(ConfigOutput.yaml(project), dir.toString());
        Object yamlGolden = YamlReader.read("expected-marshal.yaml",
                Files.readString(dir.resolve("expected-marshal.yaml"))).getFirst().root();
        List<String> yamlDiffs = new ArrayList<>();
        diff("", yamlGolden, yamlOurs, yamlDiffs);
        order("", yamlGolden, yamlOurs, yamlDiffs);
        assertEquals(List.of(), yamlDiffs, yamlDiffs.size() + " fields differ from expected-marshal.yaml");
    }

    /** Maps must list their keys in the same order. */
    private static void order(String path, Object expected, Object actual, List<String> out) {
        if (expected instanceof Map<?, ?> e && actual instanceof Map<?, ?> a) {
            List<String> ek = e.keySet().stream().map(String::valueOf).toList();
            List<String> ak = a.keySet().stream().map(String::valueOf).toList();
            if (!ek.equals(ak)) out.add(path + ": key order " + ak + ", expected " + ek);
            for (Object k : e.keySet()) {
                if (a.containsKey(k)) order(path.isEmpty() ? String.valueOf(k) : path + "." + k, e.get(k), a.get(k), out);
            }
        } else if (expected instanceof List<?> e && actual instanceof List<?> a && e.size() == a.size()) {
            for (int i = 0; i < e.size(); i++) order(path + "[" + i + "]", e.get(i), a.get(i), out);
        }
    }

    /** The golden file writes the working directory as /WORKDIR. */
    private static Object placeholders(Object v, String workdir) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), placeholders(x, workdir)));
            return out;
        }
        if (v instanceof List<?> l) return l.stream().map(x -> placeholders(x, workdir)).toList();
        if (v instanceof String s) return s.replace(workdir, "/WORKDIR");
        return v;
    }

    static void diff(String path, Object expected, Object actual, List<String> out) {
        if (expected instanceof Map<?, ?> e && actual instanceof Map<?, ?> a) {
            TreeSet<String> keys = new TreeSet<>();
            e.keySet().forEach(k -> keys.add(String.valueOf(k)));
            a.keySet().forEach(k -> keys.add(String.valueOf(k)));
            for (String k : keys) {
                String p = path.isEmpty() ? k : path + "." + k;
                if (!e.containsKey(k)) out.add(p + ": unexpected " + a.get(k));
                else if (!a.containsKey(k)) {
                    if (e.get(k) != null) out.add(p + ": missing, expected " + e.get(k));
                } else diff(p, e.get(k), a.get(k), out);
            }
        } else if (expected instanceof List<?> e && actual instanceof List<?> a) {
            if (e.size() != a.size()) {
                out.add(path + ": expected " + e + " but was " + a);
                return;
            }
            for (int i = 0; i < e.size(); i++) diff(path + "[" + i + "]", e.get(i), a.get(i), out);
        } else if (expected instanceof Number e && actual instanceof Number a) {
            if (Double.compare(e.doubleValue(), a.doubleValue()) != 0) out.add(path + ": expected " + e + " but was " + a);
        } else if (!Objects.equals(expected, actual)) {
            out.add(path + ": expected " + expected + " (" + type(expected) + ") but was " + actual + " (" + type(actual) + ")");
        }
    }

    private static String type(Object o) {
        return o == null ? "null" : o.getClass().getSimpleName();
    }
}
