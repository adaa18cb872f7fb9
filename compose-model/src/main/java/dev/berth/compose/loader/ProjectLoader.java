package dev.berth.compose.loader;

import dev.berth.compose.ComposeException;
import dev.berth.compose.model.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Files + environment → {@link Project}, deciding what {@code docker compose}'s command line
 * decides: the project directory, the env files, the Compose files, the project name, the
 * profiles. The stages themselves run in {@link ModelLoader}.
 */
public final class ProjectLoader {

    private ProjectLoader() {
    }

    public static Project load(LoadOptions options) {
        return load(options, w -> { });
    }

    public static Project load(LoadOptions options, Consumer<String> warnings) {
        Path cwd = options.cwd().toAbsolutePath().normalize();
        Map<String, String> process = options.environment();

        // .env is read from the project directory as far as it is known before the files are.
        Path envDir = options.workingDir() != null ? cwd.resolve(options.workingDir()).normalize()
                : options.files().stream().filter(f -> !f.equals("-")).findFirst()
                        .map(f -> cwd.resolve(f).normalize().getParent()).orElse(cwd);
        Map<String, String> env = ProjectEnvironment.build(process, envFiles(options, process, envDir, cwd));

        List<String> named = options.files();
        if (named.isEmpty() && env.get("COMPOSE_FILE") != null && !env.get("COMPOSE_FILE").isEmpty()) {
            String sep = env.getOrDefault("COMPOSE_PATH_SEPARATOR", ":");
            named = Arrays.stream(env.get("COMPOSE_FILE").split(java.util.regex.Pattern.quote(sep)))
                    .filter(s -> !s.isEmpty()).toList();
        }
        List<ComposeSource> sources = new ArrayList<>();
        if (named.isEmpty()) {
            for (Path p : ComposeFileLocator.locate(cwd, warnings)) sources.add(read(p));
        } else {
            for (String f : named) {
                if (f.equals("-")) {
                    if (options.stdin() == null) throw new ComposeException("-f -: nothing on standard input");
                    sources.add(new ComposeSource(cwd.resolve("-"), "-", options.stdin()));
                } else {
                    sources.add(read(cwd.resolve(f).normalize()));
                }
            }
        }
        Path workingDir = options.workingDir() != null ? cwd.resolve(options.workingDir()).normalize()
                : sources.stream().filter(s -> !s.displayName().equals("-")).findFirst()
                        .map(s -> s.path().getParent()).orElse(cwd);
        if (!workingDir.equals(envDir) && options.workingDir() == null && options.envFiles().isEmpty()) {
            // files found by discovery or COMPOSE_FILE: their directory's .env applies
            env = ProjectEnvironment.build(process, envFiles(options, process, workingDir, cwd));
        }

        List<String> profiles = options.profiles();
        if (profiles.isEmpty() && env.get("COMPOSE_PROFILES") != null) {
            profiles = Arrays.stream(env.get("COMPOSE_PROFILES").split(",")).map(String::trim)
                    .filter(s -> !s.isEmpty()).toList();
        }
        return new ModelLoader(options, warnings).loadProject(sources, workingDir, env, profiles);
    }

    private static List<Path> envFiles(LoadOptions options, Map<String, String> process, Path dir, Path cwd) {
        List<String> given = options.envFiles();
        if (given.isEmpty() && process.get("COMPOSE_ENV_FILES") != null) {
            given = Arrays.stream(process.get("COMPOSE_ENV_FILES").split(",")).filter(s -> !s.isEmpty()).toList();
        }
        if (!given.isEmpty()) {
            List<Path> out = new ArrayList<>();
            for (String f : given) {
                Path p = cwd.resolve(f).normalize();
                if (!Files.exists(p)) throw new ComposeException("env file " + p + " not found");
                out.add(p);
            }
            return out;
        }
        Path dotEnv = dir.resolve(".env");
        return Files.exists(dotEnv) ? List.of(dotEnv) : List.of();
    }

    static ComposeSource read(Path file) {
        try {
            if (Files.isDirectory(file)) throw new ComposeException(file + " is a directory, not a Compose file");
            return new ComposeSource(file, file.toString(), Files.readString(file));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ComposeException("open " + file + ": no such file or directory");
        } catch (IOException e) {
            throw new ComposeException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** The text of one Compose file and the name errors use for it. */
    record ComposeSource(Path path, String displayName, String content) {
    }
}
