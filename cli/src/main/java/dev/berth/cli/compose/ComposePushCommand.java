package dev.berth.cli.compose;

import dev.berth.cli.ImageServices;
import dev.berth.engine.image.ImageService;
import dev.berth.planner.execute.ProgressEvent;
import dev.berth.planner.execute.ProgressEvent.Status;
import dev.berth.planner.execute.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code berth compose push [SERVICE...]}: the images of the services that are built ({@code build:}
 * with an {@code image:} name) pushed to their registries, as compose does; the other services are
 * skipped (their image comes from a registry already).
 */
@Command(name = "push", description = "Push service images.")
public final class ComposePushCommand extends ServicesCommand {

    @Option(names = "--ignore-push-failures", description = "Push what it can and ignores images with push failures.")
    boolean ignoreFailures;

    @Option(names = {"-q", "--quiet"}, description = "Push without printing progress information.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        var project = project();
        ImageService images = ImageServices.open(berth().invocation().environment(), List.of());
        ProgressListener progress = quiet ? e -> { } : stack().progress();
        List<String> failed = new ArrayList<>();
        for (String s : new ServiceSelection(project).orAll(services)) {
            Map<String, Object> def = project.services().get(s);
            if (def.get("build") == null || def.get("image") == null) {
                progress.onEvent(new ProgressEvent(s, "Skipped", Status.DONE));
                continue;
            }
            String image = def.get("image").toString();
            progress.onEvent(new ProgressEvent(s, "Pushing", Status.WORKING));
            try {
                images.push(image, e -> { });
                progress.onEvent(new ProgressEvent(s, "Pushed", Status.DONE));
            } catch (java.io.IOException | RuntimeException e) {
                progress.onEvent(new ProgressEvent(s, (ignoreFailures ? "Warning " : "Error ") + e.getMessage(),
                        ignoreFailures ? Status.WARNING : Status.ERROR));
                failed.add("service \"" + s + "\" (" + image + "): " + e.getMessage());
            }
        }
        if (!failed.isEmpty() && !ignoreFailures) throw new IllegalStateException("cannot push " + String.join("; ", failed));
        return 0;
    }
}
