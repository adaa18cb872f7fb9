package dev.berth.cli.compose;

import dev.berth.cli.BerthCommand;
import dev.berth.compose.ComposeException;
import dev.berth.compose.loader.LoadOptions;
import dev.berth.compose.loader.ProjectLoader;
import dev.berth.compose.model.Project;
import java.util.List;

/**
 * Which project a read-side command looks at, decided as compose decides it: a command that needs the
 * services ({@code ps}, {@code logs}, {@code wait}) loads the files unless only {@code -p} is given
 * (compose's {@code projectOrName}); one that needs only the name ({@code top}, {@code port},
 * {@code images}) takes {@code -p}, then COMPOSE_PROJECT_NAME, and loads the files only to learn the
 * name (compose's {@code toProjectName}). Without a file, {@code berth -p shop ps} still lists shop's containers.
 *
 * @param project the loaded project, or null when only the name is known
 */
public record ProjectScope(Project project, String name) {

    private static final String ENV_NAME = "COMPOSE_PROJECT_NAME";

    /** compose's {@code projectOrName}: the project with {@code services} selected (unknown ones: {@code no such service: X}). */
    public static ProjectScope orName(BerthCommand berth, LoadOptions options, List<String> services) {
        if (options.projectName() != null && options.files().isEmpty()) return new ProjectScope(null, options.projectName());
        try {
            Project p = load(berth, options.withServices(services));
            return new ProjectScope(p, p.name());
        } catch (ComposeException e) {
            String fromEnv = berth.invocation().environment().getOrDefault(ENV_NAME, "");
            if (!fromEnv.isEmpty()) return new ProjectScope(null, fromEnv);
            throw e;
        }
    }

    /** compose's {@code toProjectName}: {@code -p}, else COMPOSE_PROJECT_NAME, else the loaded project's name. */
    public static ProjectScope name(BerthCommand berth, LoadOptions options) {
        if (options.projectName() != null) return new ProjectScope(null, options.projectName());
        String fromEnv = berth.invocation().environment().getOrDefault(ENV_NAME, "");
        if (!fromEnv.isEmpty()) return new ProjectScope(null, fromEnv);
        Project p = load(berth, options);
        return new ProjectScope(p, p.name());
    }

    private static Project load(BerthCommand berth, LoadOptions options) {
        return ProjectLoader.load(options, warning -> {
            berth.err().println("WARN " + warning);
            berth.err().flush();
        });
    }
}
