package dev.berth.compose.loader;

import dev.berth.compose.ComposeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Finds the Compose files when none is named: the first of the default names in the current
 * directory or the nearest parent that has one, plus the first override file next to it — as
 * {@code docker compose} does.
 */
public final class ComposeFileLocator {

    public static final List<String> DEFAULT_NAMES =
            List.of("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml");
    public static final List<String> OVERRIDE_NAMES = List.of(
            "compose.override.yml", "compose.override.yaml",
            "docker-compose.override.yml", "docker-compose.override.yaml");

    private ComposeFileLocator() {
    }

    public static List<Path> locate(Path cwd, Consumer<String> warnings) {
        for (Path dir = cwd.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            List<Path> found = existing(dir, DEFAULT_NAMES);
            if (found.isEmpty()) continue;
            if (found.size() > 1) {
                warnings.accept("Found multiple config files with supported names: "
                        + String.join(", ", found.stream().map(Path::toString).toList())
                        + "\nUsing " + found.getFirst());
            }
            List<Path> files = new ArrayList<>();
            files.add(found.getFirst());
            List<Path> overrides = existing(dir, OVERRIDE_NAMES);
            if (overrides.size() > 1) {
                warnings.accept("Found multiple override files with supported names: "
                        + String.join(", ", overrides.stream().map(Path::toString).toList())
                        + "\nUsing " + overrides.getFirst());
            }
            if (!overrides.isEmpty()) files.add(overrides.getFirst());
            return files;
        }
        throw new ComposeException("no configuration file provided: not found (looked for "
                + String.join(", ", DEFAULT_NAMES) + " in " + cwd.toAbsolutePath().normalize()
                + " and its parent directories; name one with -f)");
    }

    private static List<Path> existing(Path dir, List<String> names) {
        List<Path> out = new ArrayList<>();
        for (String name : names) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) out.add(p);
        }
        return out;
    }
}
