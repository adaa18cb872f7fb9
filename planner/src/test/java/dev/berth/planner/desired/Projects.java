package dev.berth.planner.desired;

import dev.berth.compose.loader.LoadOptions;
import dev.berth.compose.loader.ProjectLoader;
import dev.berth.compose.model.Project;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Compose files written to a test directory and loaded as the CLI loads them. */
final class Projects {

    private Projects() {
    }

    static Project load(Path dir, String yaml) {
        return load(dir, yaml, Map.of());
    }

    static Project load(Path dir, String yaml, Map<String, String> env) {
        try {
            Files.writeString(dir.resolve("compose.yaml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ProjectLoader.load(LoadOptions.defaults(dir, env).withFiles("compose.yaml"));
    }

    static DesiredState desired(Path dir, String yaml) {
        return DesiredStates.from(load(dir, yaml), DesiredOptions.defaults("1.2.3"));
    }
}
