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
     * compose's pull before {@code up}: each service the plan creates a container for (and each whose
     * policy is {@code always}) gets its image by {@code --pull} or its {@code pull_policy}: {@code always}
     * pulls; {@code missing} (the default, and {@code daily}/{@code weekly}/{@code every_…}, whose clocks
     * berth does not keep) pulls what the store lacks; {@code never} and {@code build} (berth has no
     * builder) need it there already. Everything is checked before a pull starts; failures name their
     * services; nothing of the plan has run yet.
     */
    public void provideImages(DesiredState desired, dev.berth.planner.plan.Plan plan, String pullFlag) throws IOException {
        if (pullFlag != null && !java.util.Set.of("always", "missing", "never", "build").contains(pullFlag)) {
            throw new IllegalArgumentException("invalid --pull \"" + pullFlag + "\": expected always, missing or never");
        }
        java.util.Set<String> creating = new java.util.LinkedHashSet<>();
        for (var step : plan.steps()) {
            switch (step.action()) {
                case dev.berth.planner.plan.Action.CreateContainer c -> creating.add(c.service());
                case dev.berth.planner.plan.Action.RecreateContainer r -> creating.add(r.service());
                default -> { }
            }
        }
        java.util.Map<String, String> toPull = new java.util.LinkedHashMap<>(); // image -> service
        List<String> missing = new ArrayList<>();
        dev.berth.engine.image.ImageService images = null; // opened only when an image is needed: a no-op up opens no store
        for (var s : desired.services().values()) {
            String policy = pullFlag != null ? pullFlag : s.pullPolicy().isEmpty() ? "missing" : s.pullPolicy();
            if (!creating.contains(s.name()) && !policy.equals("always")) continue;
            if (images == null) images = ImageServices.open(berth.invocation().environment(), List.of());
            boolean present = images.store().resolve(s.image()).isPresent();
            switch (policy) {
                case "always" -> toPull.putIfAbsent(s.image(), s.name());
                case "never" -> {
                    if (!present) missing.add("service \"" + s.name() + "\": image " + s.image() + " is not in berth's store and the pull policy is never");
                }
                case "build" -> {
                    if (!present) missing.add("service \"" + s.name() + "\": image " + s.image() + " would be built, and berth does not build images yet");
                }
                default -> {
                    if (!present) toPull.putIfAbsent(s.image(), s.name());
                }
            }
        }
        if (!missing.isEmpty()) throw new IllegalArgumentException(String.join("; ", missing));
        ProgressListener progress = progress();
        List<String> failed = new ArrayList<>();
        for (var e : toPull.entrySet()) {
            progress.onEvent(new ProgressEvent("Image " + e.getKey(), "Pulling", ProgressEvent.Status.WORKING));
            try {
                images.pull(e.getKey(), x -> { });
                progress.onEvent(new ProgressEvent("Image " + e.getKey(), "Pulled", ProgressEvent.Status.DONE));
            } catch (IOException | RuntimeException x) {
                progress.onEvent(new ProgressEvent("Image " + e.getKey(), "Error", ProgressEvent.Status.ERROR));
                failed.add("service \"" + e.getValue() + "\": cannot pull " + e.getKey() + ": " + x.getMessage());
            }
        }
        if (!failed.isEmpty()) throw new IllegalStateException(String.join("; ", failed));
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
                    + String.join(", ", missing) + " (berth compose pull, berth pull IMAGE, or berth image import)");
        }
    }

    /**
     * Compose's progress on stderr as {@code --progress} (or COMPOSE_PROGRESS) asks: lines
     * ({@code Container quickstart-web-1  Started}) for auto, tty and plain — berth does not redraw
     * lines in place —, nothing but errors for quiet, one JSON object a line for json
     * ({@code {"id":"Container x","text":"Started","status":"Done"}}, compose's jsonMessage fields).
     */
    public ProgressListener progress() {
        PrintWriter err = berth.err();
        Progress mode = berth.progress();
        return event -> {
            if (mode == Progress.QUIET && event.status() != ProgressEvent.Status.ERROR) return;
            String line;
            if (mode == Progress.JSON) {
                String status = event.status().name().charAt(0) + event.status().name().substring(1).toLowerCase(java.util.Locale.ROOT);
                var m = new java.util.LinkedHashMap<String, Object>();
                m.put("id", event.resource());
                m.put("text", event.text());
                m.put("status", status);
                line = dev.berth.engine.json.MiniJson.write(m);
            } else {
                line = " " + event.line();
            }
            synchronized (err) {
                err.println(line);
                err.flush();
            }
        };
    }
}
