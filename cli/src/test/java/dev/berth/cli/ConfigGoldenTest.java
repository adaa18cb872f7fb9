package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole way from file to text: {@code berth config} on compose-go's full example, under the
 * load conditions of its reference test (SOURCES.md: HOME, BAR, QUX set; no normalization, no
 * consistency check; unused resources kept), prints compose-go's golden output byte for byte.
 */
class ConfigGoldenTest {

    private static final Map<String, String> ENV =
            Map.of("HOME", "/HOME", "BAR", "this is a secret", "QUX", "qux_from_environment");

    private Path dir;

    @BeforeEach
    void locateCorpus() {
        Path shared = Path.of(System.getProperty("berth.repo.root", ".")).resolve("../shared").toAbsolutePath().normalize();
        Assumptions.assumeTrue(Files.isDirectory(shared), "../shared absent (a user's clone): conformance data not available");
        dir = shared.resolve("compose-spec/compose-go-full-example");
    }

    private String config(String... format) {
        String[] base = {"config", "--no-normalize", "--no-consistency", "--all-resources", "-f"};
        String[] all = new String[base.length + 1 + format.length];
        System.arraycopy(base, 0, all, 0, base.length);
        all[base.length] = "full-example.yml";
        System.arraycopy(format, 0, all, base.length + 1, format.length);
        BerthRun run = BerthRun.in(dir, ENV, "", all);
        assertEquals(0, run.exitCode(), run::toString);
        return run.out().replace(dir.toString(), "/WORKDIR");
    }

    @Test
    void yamlIsComposeGosByteForByte() throws IOException {
        assertEquals(Files.readString(dir.resolve("expected-marshal.yaml")), config());
    }

    @Test
    void jsonIsComposeGosByteForByte() throws IOException {
        // the golden file lacks the final newline that berth (like docker compose) prints
        assertEquals(Files.readString(dir.resolve("expected-marshal.json")).stripTrailing() + "\n",
                config("--format", "json"));
    }
}
