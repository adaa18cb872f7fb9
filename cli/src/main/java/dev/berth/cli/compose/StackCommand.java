package dev.berth.cli.compose;

import dev.berth.cli.BerthCommand;
import dev.berth.cli.HelpOption;
import dev.berth.cli.ProjectOptions;
import dev.berth.compose.model.Project;
import java.io.PrintWriter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A Compose command on a project ({@code up}, {@code down}, {@code ps}, {@code logs}, …): the
 * global Compose options accepted after its name too, the root's streams, and the stack session.
 * It finds the root through its spec, so it works both as {@code berth CMD} and {@code berth compose CMD}.
 */
public abstract class StackCommand {

    @Spec
    protected CommandSpec spec;

    @Mixin
    private HelpOption help;

    @Mixin
    private ProjectOptions projectOptions;

    private BerthCommand root;

    protected BerthCommand berth() {
        return root != null ? root : (BerthCommand) spec.root().userObject();
    }

    /** For a command run without picocli (the thin {@code up -d} path): the root it reads its options from. */
    public void withRoot(BerthCommand r) {
        root = r;
    }

    protected StackSession session() {
        return new StackSession(berth());
    }

    /** The project as the global options describe it (all its services; selection is each command's). */
    protected Project project() {
        return berth().loadProject(options -> options);
    }

    protected PrintWriter out() {
        return berth().out();
    }

    protected PrintWriter err() {
        return berth().err();
    }
}
