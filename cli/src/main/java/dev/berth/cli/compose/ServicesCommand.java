package dev.berth.cli.compose;

import dev.berth.compose.model.Project;
import dev.berth.planner.engine.StackEngine;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Parameters;

/**
 * A Compose lifecycle command on some of a project's services ({@code stop web db}; all when none
 * are named): the project, its service selection, the engine and the project's containers.
 */
abstract class ServicesCommand extends StackCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Services (default: all).")
    List<String> services = new ArrayList<>();

    private StackSession session;
    private Project project;
    private ServiceSelection selection;
    private StackEngine engine;

    StackSession stack() {
        if (session == null) session = session();
        return session;
    }

    /** The project from its files, or with {@code -p NAME} and no file, from its containers ({@link ProjectOrName}). */
    Project loaded() throws IOException {
        if (project == null) project = ProjectOrName.load(berth(), () -> engine().containers());
        return project;
    }

    ServiceSelection selection() throws IOException {
        if (selection == null) selection = new ServiceSelection(loaded());
        return selection;
    }

    StackEngine engine() throws IOException {
        if (engine == null) engine = stack().engine();
        return engine;
    }

    /** The project's containers now. */
    ProjectContainers containers() throws IOException {
        return ProjectContainers.of(engine().containers(), loaded().name());
    }
}
