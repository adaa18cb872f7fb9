package dev.berth.cli.compose;

import dev.berth.cli.ImageServices;
import dev.berth.engine.image.ImageService;
import dev.berth.planner.execute.ProgressEvent;
import dev.berth.planner.execute.ProgressEvent.Status;
import dev.berth.planner.execute.ProgressListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code berth compose pull [SERVICE...]}: the services' images pulled at once, each once, as
 * compose does it: a service without an image, with {@code pull_policy: never} or {@code build}, or
 * {@code missing}/{@code if_not_present} with the image here, is skipped; {@code --ignore-pull-failures}
 * turns a failed pull into a warning.
 */
@Command(name = "pull", description = "Pull service images.")
public final class ComposePullCommand extends ServicesCommand {

    @Option(names = "--ignore-pull-failures", description = "Pull what it can and ignores images with pull failures.")
    boolean ignoreFailures;

    @Option(names = {"-q", "--quiet"}, description = "Pull without printing progress information.")
    boolean quiet;

    @Option(names = "--ignore-buildable", description = "Ignore images that can be built.")
    boolean ignoreBuildable;

    @Override
    public Integer call() throws Exception {
        var project = project();
        var scope = new ServiceSelection(project).orAll(services);
        ImageService images = ImageServices.open(berth().invocation().environment(), List.of());
        ProgressListener progress = quiet ? e -> { } : stack().progress();
        Map<String, String> pulling = new LinkedHashMap<>(); // image -> the service pulling it
        Map<String, Future<?>> pulls = new LinkedHashMap<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String s : scope) {
                Map<String, Object> def = project.services().get(s);
                String image = def.get("image") == null ? null : def.get("image").toString();
                String policy = def.get("pull_policy") == null ? "" : def.get("pull_policy").toString();
                String skip = null;
                if (image == null) skip = "No image to be pulled";
                else if (policy.equals("never") || policy.equals("build")) skip = "Skipped";
                else if ((policy.equals("missing") || policy.equals("if_not_present")) && images.store().resolve(image).isPresent()) {
                    skip = "Image is already present locally";
                } else if (def.get("build") != null && ignoreBuildable) skip = "Image can be built";
                else if (pulling.containsKey(image)) skip = "Image is already being pulled by " + pulling.get(image);
                if (skip != null) {
                    progress.onEvent(new ProgressEvent(s, skip, Status.DONE));
                    continue;
                }
                pulling.put(image, s);
                pulls.put(s, pool.submit(() -> {
                    progress.onEvent(new ProgressEvent(s, "Pulling", Status.WORKING));
                    images.pull(image, e -> { });
                    progress.onEvent(new ProgressEvent(s, "Pulled", Status.DONE));
                    return null;
                }));
            }
        }
        List<String> failed = new ArrayList<>();
        for (var e : pulls.entrySet()) {
            try {
                e.getValue().get();
            } catch (java.util.concurrent.ExecutionException x) {
                String why = x.getCause().getMessage() == null ? x.getCause().toString() : x.getCause().getMessage();
                progress.onEvent(new ProgressEvent(e.getKey(), ignoreFailures ? "Warning " + why : "Error " + why,
                        ignoreFailures ? Status.WARNING : Status.ERROR));
                failed.add("service \"" + e.getKey() + "\": " + why);
            }
        }
        if (!failed.isEmpty() && !ignoreFailures) {
            throw new IllegalStateException("cannot pull " + String.join("; ", failed) + " (--ignore-pull-failures goes on without them)");
        }
        return 0;
    }
}
