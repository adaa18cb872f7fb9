package dev.berth.compose.schema;


import dev.berth.compose.ComposeException;
import dev.berth.compose.yaml.YamlDocument;
import dev.berth.compose.yaml.YamlReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The conformance corpus in ../shared: every Compose YAML document in it, parsed. */
final class SharedCorpus {

    /** The folders (under shared/compose-spec) whose YAML files are Compose documents. */
    private static final List<String> ROOTS = List.of(
            "awesome-compose",
            "compose-go/loader/testdata",
            "docker-compose-e2e",
            "compose-go-full-example/full-example.yml",
            "compose-go/schema/using-variables.yaml");

    /** One parsed document and where it came from. */
    record Doc(String name, YamlDocument yaml) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Documents parsed, and files our reader refused (negative fixtures: duplicate keys, cycles ...). */
    record Corpus(List<Doc> docs, List<String> unreadable) {
    }

    private SharedCorpus() {
    }

    static Path shared() {
        return dev.berth.compose.SharedData.composeSpec().getParent();
    }

    static Corpus load(Path shared) {
        Path base = shared.resolve("compose-spec");
        List<Doc> docs = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (String root : ROOTS) {
            for (Path file : yamlFiles(base.resolve(root))) {
                String name = base.relativize(file).toString();
                try {
                    List<YamlDocument> parsed = YamlReader.read(name, Files.readString(file, StandardCharsets.UTF_8));
                    for (int i = 0; i < parsed.size(); i++) {
                        docs.add(new Doc(parsed.size() == 1 ? name : name + "#" + i, parsed.get(i)));
                    }
                } catch (ComposeException e) {
                    unreadable.add(name + ": " + e.getMessage());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return new Corpus(docs, unreadable);
    }

    private static List<Path> yamlFiles(Path root) {
        if (Files.isRegularFile(root)) return List.of(root);
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
