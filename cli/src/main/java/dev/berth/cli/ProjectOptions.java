package dev.berth.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The global Compose options, accepted after a Compose sub-command as well as before it
 * ({@code berth config -f a.yaml} = {@code berth -f a.yaml config}): each one lands on the root
 * {@link BerthCommand}, so sub-commands read them in one place.
 */
public final class ProjectOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    private BerthCommand root() {
        return (BerthCommand) mixee.root().userObject();
    }

    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "Compose configuration file (repeatable; \"-\" reads standard input).")
    void addFile(String file) {
        root().addFile(file);
    }

    @Option(names = {"-p", "--project-name"}, paramLabel = "NAME", description = "Project name.")
    void setProjectName(String name) {
        root().setProjectName(name);
    }

    @Option(names = "--profile", paramLabel = "PROFILE", description = "Enable a profile (repeatable).")
    void addProfile(String profile) {
        root().addProfile(profile);
    }

    @Option(names = "--env-file", paramLabel = "FILE", description = "An alternate environment file (repeatable).")
    void addEnvFile(String file) {
        root().addEnvFile(file);
    }

    @Option(names = "--project-directory", paramLabel = "DIR",
            description = "Working directory of the project (default: the directory of the first Compose file).")
    void setProjectDirectory(String dir) {
        root().setProjectDirectory(dir);
    }

    @Option(names = "--progress", paramLabel = "MODE",
            description = "How progress is shown: ${COMPLETION-CANDIDATES} (default: COMPOSE_PROGRESS, else auto).")
    void setProgress(Progress mode) {
        root().setProgress(mode);
    }

    @Option(names = "--all-resources", description = "Include all resources, even those not used by services.")
    void setAllResources(boolean all) {
        root().setAllResources(all);
    }
}
