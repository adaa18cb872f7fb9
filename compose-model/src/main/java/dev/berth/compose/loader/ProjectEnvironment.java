package dev.berth.compose.loader;

import dev.berth.compose.dotenv.DotEnv;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment a project is interpolated with: the process environment over the env files
 * ({@code .env} or {@code --env-file}); a variable set in the shell always wins, also inside the
 * files' own {@code ${…}} expansions; among several files the later wins.
 */
final class ProjectEnvironment {

    private ProjectEnvironment() {
    }

    static Map<String, String> build(Map<String, String> process, List<Path> envFiles) {
        Map<String, String> env = new LinkedHashMap<>(DotEnv.readAll(envFiles, process::get));
        env.putAll(process);
        return env;
    }
}
