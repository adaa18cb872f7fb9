package dev.berth.cli.compose;

import dev.berth.cli.ImageServices;
import dev.berth.cli.image.HumanUnits;
import dev.berth.engine.container.Container;
import dev.berth.engine.image.ImageReference;
import dev.berth.engine.image.ImageService;
import dev.berth.engine.image.store.Image;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code docker compose images}: the image of each of the project's containers (all of them, stopped
 * and one-off ones too), in compose v2's table {@code CONTAINER REPOSITORY TAG IMAGE ID SIZE}, as a
 * JSON array, or the image IDs ({@code -q}, each once, without {@code sha256:}).
 */
@Command(name = "images", description = "List images used by the created containers.")
public final class ComposeImagesCommand extends StackCommand implements Callable<Integer> {

    @Option(names = {"-q", "--quiet"}, description = "Only display IDs.")
    private boolean quiet;

    @Option(names = "--format", paramLabel = "FORMAT", description = "table (default) or json.")
    private String format = "table";

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Services whose images to list (default: all).")
    private List<String> services = new ArrayList<>();

    record Row(String container, String repository, String tag, String id, long size) {
    }

    @Override
    public Integer call() throws Exception {
        boolean table = format.isEmpty() || format.equalsIgnoreCase("table") || format.equalsIgnoreCase("pretty");
        if (!table && !format.equalsIgnoreCase("json")) {
            throw new IllegalArgumentException("format value \"" + format + "\" could not be parsed: parsing failed");
        }
        ProjectScope scope = ProjectScope.name(berth(), berth().loadOptions());
        List<Container> containers = new ArrayList<>(session().client().list(true,
                List.of("label=" + dev.berth.planner.engine.ComposeLabels.PROJECT + "=" + scope.name())));
        if (!services.isEmpty()) containers.removeIf(c -> !services.contains(ProjectContainers.service(c)));
        containers.sort(Comparator.comparing(Container::name));
        ImageService images = ImageServices.open(berth().invocation().environment(), List.of());
        List<Row> rows = new ArrayList<>();
        for (Container c : containers) {
            Image image = images.store().resolve(c.imageId()).orElse(null);
            String repository = "";
            String tag = "";
            try {
                ImageReference ref = ImageReference.parse(c.config().image());
                repository = ref.familiarName();
                tag = ref.tag() == null ? "" : ref.tag();
            } catch (RuntimeException notAName) {
                // an image ID: no repository, as compose shows it
            }
            rows.add(new Row(c.name(), repository, tag, image == null ? c.imageId() : image.id().toString(), image == null ? 0 : image.size()));
        }
        if (quiet) {
            LinkedHashSet<String> ids = new LinkedHashSet<>();
            for (Row r : rows) ids.add(r.id().substring(r.id().indexOf(':') + 1));
            ids.forEach(out()::println);
        } else if (table) {
            GoTable t = GoTable.pretty("CONTAINER", "REPOSITORY", "TAG", "IMAGE ID", "SIZE");
            for (Row r : rows) {
                String id = r.id().substring(r.id().indexOf(':') + 1);
                t.row(r.container(), r.repository().isEmpty() ? "<none>" : r.repository(), r.tag().isEmpty() ? "<none>" : r.tag(),
                        id.length() > 12 ? id.substring(0, 12) : id, HumanUnits.size(r.size()));
            }
            t.print(out());
        } else {
            List<Object> list = new ArrayList<>();
            for (Row r : rows) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("ID", r.id());
                o.put("ContainerName", r.container());
                o.put("Repository", r.repository());
                o.put("Tag", r.tag());
                o.put("Size", r.size());
                list.add(o);
            }
            out().println(new GoJson(false).write(rows.isEmpty() ? null : list));
        }
        out().flush();
        return 0;
    }
}
