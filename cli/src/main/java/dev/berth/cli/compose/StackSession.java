package dev.berth.cli.compose;

import dev.berth.cli.BerthCommand;
import dev.berth.cli.BuildInfo;
import dev.berth.cli.ImageServices;
import dev.berth.cli.Progress;

import dev.berth.compose.model.Project;
import dev.berth.engine.EngineRoots;
import dev.berth.engine.api.BerthdLauncher;
import dev.berth.engine.api.EngineClient;
import dev.berth.planner.desired.DesiredOptions;
import dev.berth.planner.desired.DesiredState;
import dev.berth.planner.desired.DesiredStates;
import dev.berth.planner.engine.StackEngine;
import dev.berth.planner.execute.ProgressEvent;
import dev.berth.planner.execute.ProgressListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * What the stack commands ({@code up}, {@code down}, …) share: the project as the command line
 * loads it, its desired state, berthd (started on first use), and compose's progress lines.
 */
public final class StackSession {

    private final BerthCommand berth;

    public StackSession(BerthCommand berth) {
        this.berth = berth;
    }

    public BerthCommand berth() {
        return berth;
    }

    public DesiredState desired(Project project, DesiredOptions options) {
        DesiredState desired = DesiredStates.from(project, options);
        for (String w : desired.warnings()) berth.err().println("WARN " + w);
        berth.err().flush();
        return desired;
    }

    public DesiredOptions options() {
        return DesiredOptions.defaults(BuildInfo.version());
    }

    public EngineClient client() throws IOException {
        var env = berth.invocation().environment();
        return BerthdLauncher.connect(EngineRoots.fromEnvironment(env), env, BuildInfo.version());
    }

    public StackEngine engine() throws IOException {
        return StackEngine.of(client());
    }

    /**
     * The images the plan creates containers from must be in the store before anything is made
     * (berth's {@code up} does not pull yet): one error naming all that are missing. A plan that
     * creates nothing (a no-op {@code up}) needs no image and opens no store.
     */
    public void requireImages(DesiredState desired, dev.berth.planner.plan.Plan plan) throws IOException {
        java.util.Set<String> creating = new java.util.LinkedHashSet<>();
        for (var step : plan.steps()) {
            switch (step.action()) {
                case dev.berth.planner.plan.Action.CreateContainer c -> creating.add(c.service());
                case dev.berth.planner.plan.Action.RecreateContainer r -> creating.add(r.service());
                default -> { }
            }
        }
        requireImages(desired, creating);
    }

    /** Every service's image must be in the store (a one-off {@code run} creates its container whatever the plan says). */
    public void requireImages(DesiredState desired) throws IOException {
        requireImages(desired, desired.services().keySet());
    }

    private void requireImages(DesiredState desired, java.util.Collection<String> services) throws IOException {
        if (services.isEmpty()) return;
        List<String> missing = new ArrayList<>();
        var images = ImageServices.open(berth.invocation().environment(), List.of());
        for (String service : services) {
            var s = desired.services().get(service);
            if (s != null && images.store().resolve(s.image()).isEmpty()) missing.add("service \"" + s.name() + "\": image " + s.image());
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("no such image" + (missing.size() > 1 ? "s" : "") + " in berth's store: "
                    + String.join(", ", missing) + " (berth pull IMAGE, or berth image import; up does not pull yet)");
        }
    }

    /** Compose's progress lines on stderr ({@code Container proj-web-1  Started}). */
    public ProgressListener progress() {
        PrintWriter err = berth.err();
        boolean quiet = berth.progress() == Progress.QUIET;
        return event -> {
            if (quiet && event.status() != ProgressEvent.Status.ERROR) return;
            err.println(" " + event.line());
            err.flush();
        };
    }
}
