package dev.berth.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.compose.yaml.YamlReader;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * compose-go's own marshalled full example (shared/compose-spec/compose-go-full-example): read the
 * golden text back as a tree, write it with our writer, and get the golden text byte for byte.
 * That pins our YAML and JSON formatting to what {@code docker compose config} prints.
 */
class GoldenOutputTest {

    private Path golden;

    @BeforeEach
    void locateCorpus() {
        Path shared = Path.of(System.getProperty("berth.repo.root", ".")).resolve("../shared").toAbsolutePath().normalize();
        Assumptions.assumeTrue(Files.isDirectory(shared), "../shared absent (a user's clone): conformance data not available");
        golden = shared.resolve("compose-spec/compose-go-full-example");
    }

    @Test
    void yamlOfTheFullExampleIsComposeGosByteForByte() throws IOException {
        String expected = Files.readString(golden.resolve("expected-marshal.yaml"));
        Object tree = YamlReader.read("expected-marshal.yaml", expected).getFirst().root();
        StringWriter out = new StringWriter();
        YamlOutput.write(tree, out);
        assertEquals(expected, out.toString());
    }

    @Test
    void jsonOfTheFullExampleIsComposeGosByteForByte() throws IOException {
        String expected = Files.readString(golden.resolve("expected-marshal.json"));
        Object tree = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS)
                .readValue(expected, LinkedHashMap.class);
        StringWriter out = new StringWriter();
        JsonOutput.write(tree, out);
        assertEquals(expected.stripTrailing() + "\n", out.toString());
    }
}
