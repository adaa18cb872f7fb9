package dev.berth.cli;

import dev.berth.compose.model.Project;
import java.io.PrintWriter;

/** What commands that need the container engine say until it exists. */
final class EngineNotBuilt {

    /** Distinct from load errors (1) and usage errors (2), so scripts can tell "valid, but not run". */
    static final int EXIT_CODE = 3;

    private EngineNotBuilt() {
    }

    static int report(PrintWriter err, Project project) {
        int n = project.serviceNames().size();
        err.println("berth: the container engine is not built yet (issues 3-7); project \"" + project.name()
                + "\" is valid: " + n + (n == 1 ? " service" : " services"));
        err.flush();
        return EXIT_CODE;
    }
}
