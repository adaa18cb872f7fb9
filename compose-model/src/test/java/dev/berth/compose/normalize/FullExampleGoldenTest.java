package dev.berth.compose.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * compose-go's full example (loaded with SkipNormalization + SkipConsistencyCheck + ResolvePaths,
 * working dir /WORKDIR, HOME=/HOME) must give the golden marshalled project, field by field.
 * Behaviours 76, 78-101, 103-111, 120-125. The local pipeline stands in for the loader being
 * written elsewhere: read → ${VAR} substitution → Canonical → EnvFileResolver → PathResolver.
 */
class FullExampleGoldenTest {

    private static final Path WORKDIR = Path.of("/WORKDIR");
    private static final Path HOME = Path.of("/HOME");

    /** compose-go marshals UnitBytes as a decimal string; berth keeps the number (see Canonical). */
    private static final List<String> BYTE_SIZES_AS_NUMBERS = List.of(
            "services.foo.deploy.resources.limits.memory: 52428800 (Long) != expected \"52428800\" (string)",
            "services.foo.deploy.resources.reservations.memory: 20971520 (Long) != expected \"20971520\" (string)",
            "services.foo.volumes[7].tmpfs.size: 10000 (Long) != expected \"10000\" (string)");

    /** What only the JSON rendering has or lacks: extensions are json:"-", ipam is a struct, commands are never omitted. */
    private static final List<String> JSON_ONLY = List.of(
            "configs.config4.x-bar: unexpected \"baz\" (string)",
            "configs.config4.x-foo: unexpected \"bar\" (string)",
            "networks.external-network.ipam: missing, expected {} (LinkedHashMap)",
            "networks.other-external-network.ipam: missing, expected {} (LinkedHashMap)",
            "networks.other-external-network.x-bar: unexpected \"baz\" (string)",
            "networks.other-external-network.x-foo: unexpected \"bar\" (string)",
            "networks.some-network.ipam: missing, expected {} (LinkedHashMap)",
            "secrets.secret4.x-bar: unexpected \"baz\" (string)",
            "secrets.secret4.x-foo: unexpected \"bar\" (string)",
            "services.bar.command: missing, expected null",
            "services.bar.entrypoint: missing, expected null",
            "services.foo.x-bar: unexpected \"baz\" (string)",
            "services.foo.x-foo: unexpected \"bar\" (string)",
            "volumes.external-volume3.x-bar: unexpected \"baz\" (string)",
            "volumes.external-volume3.x-foo: unexpected \"bar\" (string)");

    private static Path example;
    private static Map<String, Object> actual;

    @BeforeAll
    static void load() throws IOException {
        Path shared = Path.of(System.getProperty("berth.repo.root", ".")).resolve("../shared").toAbsolutePath().normalize();
        Assumptions.assumeTrue(Files.isDirectory(shared), "../shared absent (a user's clone): conformance data not available");
        example = shared.resolve("compose-spec/compose-go-full-example");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", "/HOME");
        env.put("BAR", "this is a secret");
        env.put("QUX", "qux_from_environment");
        env.put("COMPOSE_PROJECT_NAME", "full_example_project_name");

        Path file = example.resolve("full-example.yml");
        @SuppressWarnings("unchecked")
        Map<String, Object> doc = (Map<String, Object>) YamlReader.read(file.toString(), Files.readString(file)).getFirst().root();
        doc = substitute(doc, env);
        Map<String, Object> canonical = Canonical.transform(doc);
        Map<String, Object> withEnv = new EnvFileResolver(example, env, EnvFileParser.of(FullExampleGoldenTest::readKeyValues))
                .resolve(canonical);
        actual = CanonicalOrder.order(PathResolver.resolve(withEnv, WORKDIR, HOME));
    }

    @Test
    void matchesGoldenJsonFieldByField() throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> expected = new ObjectMapper().readValue(example.resolve("expected-marshal.json").toFile(), Map.class);
        List<String> expectedDiffs = new ArrayList<>(BYTE_SIZES_AS_NUMBERS);
        expectedDiffs.addAll(JSON_ONLY);
        expectedDiffs.sort(null);
        List<String> diffs = new ArrayList<>(TreeDiff.diff(actual, expected));
        diffs.sort(null);
        assertEquals(String.join("\n", expectedDiffs), String.join("\n", diffs));
    }

    @Test
    void matchesGoldenYamlFieldByField() throws IOException {
        Path golden = example.resolve("expected-marshal.yaml");
        Object expected = YamlReader.read(golden.toString(), Files.readString(golden)).getFirst().root();
        List<String> diffs = new ArrayList<>(TreeDiff.diff(actual, expected));
        diffs.sort(null);
        assertEquals(String.join("\n", BYTE_SIZES_AS_NUMBERS), String.join("\n", diffs));
    }

    @Test
    void keysComeInComposeGoMarshallingOrder() throws IOException {
        Path golden = example.resolve("expected-marshal.yaml");
        Object expected = YamlReader.read(golden.toString(), Files.readString(golden)).getFirst().root();
        assertEquals("", String.join("\n", TreeDiff.orderDiff(actual, expected)));
        // the full example has no zero values, so the marshalled form is the same tree
        assertEquals(actual, CanonicalOrder.marshalled(actual));
    }

    /** Stand-in for the interpolation stage: {@code ${VAR}} from the environment. */
    @SuppressWarnings("unchecked")
    private static <T> T substitute(T value, Map<String, String> env) {
        if (value instanceof String s) {
            Matcher m = Pattern.compile("\\$\\{(\\w+)}").matcher(s);
            return (T) m.replaceAll(r -> Matcher.quoteReplacement(env.getOrDefault(r.group(1), "")));
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), substitute(v, env)));
            return (T) out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(substitute(v, env)));
            return (T) out;
        }
        return value;
    }

    /** Stand-in for the dotenv package: KEY=VALUE lines, # comments. */
    static Map<String, String> readKeyValues(Path file) {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) continue;
                int eq = l.indexOf('=');
                out.put(eq < 0 ? l : l.substring(0, eq), eq < 0 ? "" : l.substring(eq + 1));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }
}
