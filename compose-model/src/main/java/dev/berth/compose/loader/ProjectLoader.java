package dev.berth.compose.loader;

import dev.berth.compose.ComposeException;
import dev.berth.compose.model.Project;
import dev.berth.compose.yaml.YamlDocument;
import dev.berth.compose.yaml.YamlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Files + environment → {@link Project}: load → interpolate → validate → extends/include → merge →
 * normalize → consistency checks. (Provisional: reads one file only; the full pipeline lands with
 * issue 2.)
 */
public final class ProjectLoader {

    private ProjectLoader() {
    }

    @SuppressWarnings("unchecked")
    public static Project load(LoadOptions options) {
        Path file = options.cwd().resolve(options.files().isEmpty() ? "compose.yaml" : options.files().getFirst())
                .toAbsolutePath().normalize();
        String content;
        try {
            content = Files.readString(file);
        } catch (IOException e) {
            throw new ComposeException("cannot read " + file + ": " + e.getMessage());
        }
        List<YamlDocument> docs = YamlReader.read(file.toString(), content);
        Map<String, Object> root = (Map<String, Object>) docs.getFirst().root();
        String name = options.projectName() != null ? options.projectName()
                : file.getParent().getFileName().toString();
        return new Project(name, file.getParent(), List.of(file), options.environment(), root, Map.of());
    }
}
