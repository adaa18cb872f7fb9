package dev.berth.compose.loader;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What to load and how, as {@code docker compose}'s global flags say it.
 *
 * @param workingDir     {@code --project-directory}; null = the directory of the first file (or the cwd)
 * @param files          {@code -f} values in order; empty = COMPOSE_FILE or the default names; "-" = stdin
 * @param projectName    {@code -p}; null = COMPOSE_PROJECT_NAME, {@code name:}, or the directory name
 * @param profiles       {@code --profile} values; empty = COMPOSE_PROFILES
 * @param envFiles       {@code --env-file} values; empty = COMPOSE_ENV_FILES or {@code .env} in the project directory
 * @param environment    the process environment (System.getenv() in the CLI; fixed maps in tests)
 * @param services       services named on the command line: they are enabled with their profiles
 * @param interpolate    false for {@code --no-interpolate}
 * @param normalize      false for {@code --no-normalize}
 * @param consistency    false to skip the semantic checks (compose-go's SkipConsistencyCheck)
 * @param resolvePaths   false to keep relative paths as written
 * @param allResources  true for {@code --all-resources}: keep networks/volumes/secrets/configs no service uses
 * @param stdin          what "-" reads (the CLI passes System.in's content); null when there is none
 */
public record LoadOptions(
        Path cwd,
        Path workingDir,
        List<String> files,
        String projectName,
        List<String> profiles,
        List<String> envFiles,
        Map<String, String> environment,
        List<String> services,
        boolean interpolate,
        boolean normalize,
        boolean consistency,
        boolean resolvePaths,
        boolean allResources,
        String stdin) {

    public LoadOptions {
        files = List.copyOf(files);
        profiles = List.copyOf(profiles);
        envFiles = List.copyOf(envFiles);
        environment = Map.copyOf(environment);
        services = List.copyOf(services);
    }

    /** Defaults as {@code docker compose} has them, reading files relative to {@code cwd}. */
    public static LoadOptions defaults(Path cwd, Map<String, String> environment) {
        return new LoadOptions(cwd, null, List.of(), null, List.of(), List.of(), environment, List.of(),
                true, true, true, true, false, null);
    }

    public LoadOptions withFiles(String... files) {
        return withFiles(List.of(files));
    }

    public LoadOptions withFiles(List<String> files) {
        return new LoadOptions(cwd, workingDir, files, projectName, profiles, envFiles, environment, services,
                interpolate, normalize, consistency, resolvePaths, allResources, stdin);
    }

    public LoadOptions withWorkingDir(Path workingDir) {
        return new LoadOptions(cwd, workingDir, files, projectName, profiles, envFiles, environment, services,
                interpolate, normalize, consistency, resolvePaths, allResources, stdin);
    }

    public LoadOptions withProjectName(String projectName) {
        return new LoadOptions(cwd, workingDir, files, projectName, profiles, envFiles, environment, services,
                interpolate, normalize, consistency, resolvePaths, allResources, stdin);
    }

    public LoadOptions withProfiles(List<String> profiles) {
        return new LoadOptions(cwd, workingDir, files, projectName, profiles, envFiles, environment, services,
                interpolate, normalize, consistency, resolvePaths, allResources, stdin);
    }

    public LoadOptions withEnvFiles(List<String> envFiles) {
        return new LoadOptions(cwd, workingDir, files, projectName, profiles, envFiles, environment, services,
                interpolate, normalize, consistency, resolvePaths, allResources, stdin);
    }

    public LoadOptions withEnvironment(Map<String, String> environment) {
        return new LoadOptions(cwd, workingDir, files, projectName, profiles, envFiles, environment, services,
                interpolate, normalize, consistency, resolvePaths, allResources, stdin);
    }

    public LoadOptions withServices(List<String> services) {
        return new LoadOptions(cwd, workingDir, files, projectName, profiles, envFiles, environment, services,
                interpolate, normalize, consistency, resolvePaths, allResources, stdin);
    }

    public LoadOptions withInterpolate(boolean interpolate) {
        return new LoadOptions(cwd, workingDir, files, projectName, profiles, envFiles, environment, services,
                interpolate, normalize, consistency, resolvePaths, allResources, stdin);
    }

    public LoadOptions withNormalize(boolean normalize) {
        return new LoadOptions(cwd, workingDir, files, projectName, profiles, envFiles, environment, services,
                interpolate, normalize, consistency, resolvePaths, allResources, stdin);
    }

    public LoadOptions withConsistency(boolean consistency) {
        return new LoadOptions(cwd, workingDir, files, projectName, profiles, envFiles, environment, services,
                interpolate, normalize, consistency, resolvePaths, allResources, stdin);
    }

    public LoadOptions withResolvePaths(boolean resolvePaths) {
        return new LoadOptions(cwd, workingDir, files, projectName, profiles, envFiles, environment, services,
                interpolate, normalize, consistency, resolvePaths, allResources, stdin);
    }

    public LoadOptions withAllResources(boolean allResources) {
        return new LoadOptions(cwd, workingDir, files, projectName, profiles, envFiles, environment, services,
                interpolate, normalize, consistency, resolvePaths, allResources, stdin);
    }

    public LoadOptions withStdin(String stdin) {
        return new LoadOptions(cwd, workingDir, files, projectName, profiles, envFiles, environment, services,
                interpolate, normalize, consistency, resolvePaths, allResources, stdin);
    }
}
