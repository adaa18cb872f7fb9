package dev.berth.compose.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.compose.ComposeException;
import dev.berth.compose.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Walks every Compose file of the conformance corpus in ../shared/compose-spec and loads it as
 * {@code berth config -f FILE} would (project directory = the file's directory). Files the
 * reference accepts must load; the ones it rejects must fail with a located, clear error.
 */
class CorpusConformanceTest {

    static final Path CORPUS = SharedData.SHARED.resolve("compose-spec");

    /** Files the reference rejects when loaded as {@code config -f FILE}, each with a fragment of our error. */
    static final Map<String, String> NEGATIVE = Map.ofEntries(
            Map.entry("compose-go/loader/testdata/compose-depends-on-cycle.yaml", "dependency cycle detected"),
            Map.entry("compose-go/loader/testdata/compose-depends-on-self.yaml", "dependency cycle detected"),
            // same content as compose-depends-on-cycle.yaml in this snapshot: a cycle
            Map.entry("compose-go/loader/testdata/compose-depends-on-profile-no-cycle.yaml", "dependency cycle detected"),
            Map.entry("compose-go/loader/testdata/compose-include-cycle.yaml", "include cycle detected"),
            Map.entry("compose-go/loader/testdata/remote/cycle/compose.yaml", "remote"),
            Map.entry("compose-go/loader/testdata/remote/cycle/compose-cycle.yaml", "remote"),
            // its reference test uses a test-only "remote:" resource loader; berth has none (no git/oci includes yet)
            Map.entry("compose-go/loader/testdata/remote/nested/compose.yaml", "remote"),
            Map.entry("docker-compose-e2e/e2e/fixtures/wrong-composefile/compose.yaml", "additional properties 'wrongField' not allowed"),
            Map.entry("compose-go/loader/testdata/empty.yaml", "empty compose file"),
            // only ever loaded as an extends source (validation skipped); standalone, `nil:` is a null service
            Map.entry("compose-go/loader/testdata/extends/base.yaml", "services.nil: must be a mapping"),
            // the e2e test asserts exactly this failure
            Map.entry("docker-compose-e2e/e2e/fixtures/build-test/platforms/compose-service-platform-not-in-build-platforms.yaml",
                    "MUST include service.platform"),
            // TestUpContainerNameConflict: both services get the same container_name
            Map.entry("docker-compose-e2e/e2e/testdata/TestUpContainerNameConflict/compose.yaml", "is already in use"),
            // loaded by its e2e test only with `up serviceA`: serviceB's env_file does not exist
            Map.entry("docker-compose-e2e/e2e/fixtures/env_file/compose.yaml", "env file /doesnotexist/.env not found"));

    /** How the reference test loads a file, where that is not plain {@code config -f FILE}. */
    static final Map<String, UnaryOperator<LoadOptions>> CONDITIONS = Map.ofEntries(
            // SOURCES.md: the full example's test skips the consistency check and sets these variables
            Map.entry("compose-go-full-example/full-example.yml", o -> o.withConsistency(false)
                    .withEnvironment(Map.of("HOME", "/HOME", "BAR", "this is a secret", "QUX", "qux_from_environment"))),
            // its reference test only validates the raw file against the schema (no interpolation, no consistency)
            Map.entry("compose-go/schema/using-variables.yaml", o -> o.withInterpolate(false).withConsistency(false)),
            // an included file: its includer sets project_directory ../subdir, where extra.env is
            Map.entry("compose-go/loader/testdata/include/dir/compose.yaml", o -> o.withFiles(
                    CORPUS.resolve("compose-go/loader/testdata/include/project-directory.yaml").toString())),
            Map.entry("docker-compose-e2e/e2e/fixtures/logs-test/cat.yaml", o -> withEnv(o, "FILE", "./text_file.txt")),
            Map.entry("docker-compose-e2e/e2e/fixtures/publish/oci/compose-override.yaml", o -> o.withFiles(
                    CORPUS.resolve("docker-compose-e2e/e2e/fixtures/publish/oci/compose.yaml").toString(),
                    CORPUS.resolve("docker-compose-e2e/e2e/fixtures/publish/oci/compose-override.yaml").toString())),
            Map.entry("docker-compose-e2e/e2e/testdata/TestImagesAfterImageRemoved/compose.yaml", o -> withEnv(o, "REMOVED_IMAGE", "img")),
            Map.entry("docker-compose-e2e/e2e/testdata/TestLocalComposeConfigNoConsistency/compose.yaml", o -> o.withConsistency(false)),
            Map.entry("docker-compose-e2e/e2e/testdata/TestUpContainerNameConflict/compose.yaml", o -> withEnv(o, "FIXED_NAME", "fixed")),
            Map.entry("docker-compose-e2e/e2e/testdata/TestUpImageID/compose.yaml", o -> withEnv(o, "ID", "sha256:0123")),
            Map.entry("docker-compose-e2e/e2e/testdata/TestUpWithBuildDependencies/compose.yaml", o -> withEnv(o, "BUILT_IMAGE", "built")));

    private static LoadOptions withEnv(LoadOptions o, String key, String value) {
        Map<String, String> env = new HashMap<>(o.environment());
        env.put(key, value);
        return o.withEnvironment(env);
    }

    @Test
    void everyCorpusFileLoadsOrIsRejectedLikeTheReference() throws IOException {
        SharedData.composeSpec();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(CORPUS)) {
            files = walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .filter(p -> !p.getFileName().toString().startsWith("expected-marshal"))
                    .sorted().toList();
        }
        Map<String, String> unexpected = new TreeMap<>();
        int accepted = 0;
        int rejected = 0;
        for (Path file : files) {
            String rel = CORPUS.relativize(file).toString();
            LoadOptions options = CONDITIONS.getOrDefault(rel, o -> o).apply(
                    LoadOptions.defaults(file.getParent(), Map.of("HOME", "/HOME")).withFiles(file.toString()));
            String error = null;
            try {
                ProjectLoader.load(options);
            } catch (ComposeException e) {
                error = e.getMessage();
            } catch (RuntimeException e) {
                unexpected.put(rel, "crashed: " + e);
                continue;
            }
            boolean negative = NEGATIVE.containsKey(rel);
            if (negative && error == null) unexpected.put(rel, "accepted, but the reference rejects it: " + NEGATIVE.get(rel));
            if (negative && error != null && !error.contains(NEGATIVE.get(rel))) {
                unexpected.put(rel, "rejected, but not with \"" + NEGATIVE.get(rel) + "\": " + error);
            }
            if (!negative && error != null) unexpected.put(rel, "rejected: " + error);
            if (error == null) accepted++;
            else rejected++;
        }
        System.out.printf("compose corpus: %d files, %d accepted, %d rejected, %d unlike the reference%n",
                files.size(), accepted, rejected, unexpected.size());
        unexpected.forEach((f, why) -> System.out.println("  " + f + ": " + why));
        assertTrue(files.size() > 250, "the corpus has ~300 compose files, found " + files.size());
        assertEquals(Map.of(), unexpected);
    }
}
