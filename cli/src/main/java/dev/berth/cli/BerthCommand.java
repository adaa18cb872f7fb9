package dev.berth.cli;

import dev.berth.compose.loader.LoadOptions;
import dev.berth.compose.loader.ProjectLoader;
import dev.berth.compose.model.Project;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The root command. It holds the global options of {@code docker compose} once; they may be given
 * before or after the sub-command ({@code berth -f a.yaml config} = {@code berth config -f a.yaml}),
 * and sub-commands read them here through {@link #loadProject}.
 */
@Command(name = "berth",
        description = "Define and run multi-container applications from Compose files, with berth's own engine.",
        versionProvider = BerthVersion.class,
        sortOptions = false)
public final class BerthCommand implements Callable<Integer> {

    private final Invocation invocation;

    @Spec
    private CommandSpec spec;

    private final List<String> files = new ArrayList<>();
    private final List<String> profiles = new ArrayList<>();
    private final List<String> envFiles = new ArrayList<>();
    private String projectName;
    private String projectDirectory;
    private Progress progress;
    private boolean allResources;

    @Mixin
    private HelpOption help;

    @Option(order = 21, names = {"-v", "--version"}, versionHelp = true, description = "Show the berth version.")
    private boolean version;

    BerthCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    // Global options are setter methods on this object: wherever picocli matches them (here, or on a
    // Compose sub-command through the ProjectOptions mixin, which calls these setters), the value
    // lands here, once. Image commands do not take them: their -f and -p mean --force and --password.
    // Repeatable ones are single-valued options that may be repeated (Main allows overwriting), so
    // each occurrence is one call and "-f a config -f b" adds up to [a, b] as in docker compose.

    @Option(order = 1, names = {"-f", "--file"}, paramLabel = "FILE",
            description = "Compose configuration file (repeatable; \"-\" reads standard input).")
    void addFile(String file) {
        if (file != null) files.add(file);
    }

    @Option(order = 2, names = {"-p", "--project-name"}, paramLabel = "NAME",
            description = "Project name.")
    void setProjectName(String name) {
        projectName = name;
    }

    @Option(order = 3, names = "--profile", paramLabel = "PROFILE",
            description = "Enable a profile (repeatable).")
    void addProfile(String profile) {
        if (profile != null) profiles.add(profile);
    }

    @Option(order = 4, names = "--env-file", paramLabel = "FILE",
            description = "An alternate environment file (repeatable).")
    void addEnvFile(String file) {
        if (file != null) envFiles.add(file);
    }

    @Option(order = 5, names = "--project-directory", paramLabel = "DIR",
            description = "Working directory of the project (default: the directory of the first Compose file).")
    void setProjectDirectory(String dir) {
        projectDirectory = dir;
    }

    @Option(order = 6, names = "--progress", paramLabel = "MODE",
            description = "How progress is shown: ${COMPLETION-CANDIDATES} (default: COMPOSE_PROGRESS, else auto).")
    void setProgress(Progress mode) {
        progress = mode;
    }

    @Option(order = 7, names = "--all-resources",
            description = "Include all resources, even those not used by services.")
    void setAllResources(boolean all) {
        allResources = all;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    public Invocation invocation() {
        return invocation;
    }

    /** {@code --progress}, else COMPOSE_PROGRESS, else auto (an unknown COMPOSE_PROGRESS counts as auto). */
    public Progress progress() {
        if (progress != null) return progress;
        String fromEnv = invocation.environment().getOrDefault("COMPOSE_PROGRESS", "");
        for (Progress p : Progress.values()) {
            if (p.toString().equalsIgnoreCase(fromEnv)) return p;
        }
        return Progress.AUTO;
    }

    public PrintWriter out() {
        return spec != null ? spec.commandLine().getOut() : fastOut;
    }

    public PrintWriter err() {
        return spec != null ? spec.commandLine().getErr() : fastErr;
    }

    private PrintWriter fastOut;
    private PrintWriter fastErr;

    /** The root without picocli (the thin {@code up -d} path: {@link FastUp}), printing to {@code out} and {@code err}. */
    static BerthCommand withoutPicocli(Invocation invocation, PrintWriter out, PrintWriter err) {
        BerthCommand root = new BerthCommand(invocation);
        root.fastOut = out;
        root.fastErr = err;
        return root;
    }

    /** The load options the global options and the environment describe. */
    public LoadOptions loadOptions() {
        LoadOptions options = LoadOptions.defaults(invocation.cwd(), invocation.environment())
                .withFiles(files)
                .withProfiles(profiles)
                .withEnvFiles(envFiles)
                .withAllResources(allResources);
        if (projectName != null) options = options.withProjectName(projectName);
        if (projectDirectory != null) options = options.withWorkingDir(invocation.cwd().resolve(projectDirectory).normalize());
        if (files.contains("-")) options = options.withStdin(readStdin());
        return options;
    }

    /** Loads the project, with a sub-command's own adjustments to the options. */
    public Project loadProject(UnaryOperator<LoadOptions> adjust) {
        return ProjectLoader.load(adjust.apply(loadOptions()), warning -> {
            err().println("WARN " + warning);
            err().flush();
        });
    }

    private String readStdin() {
        try {
            return new String(invocation.stdin().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read standard input: " + e.getMessage(), e);
        }
    }
}
