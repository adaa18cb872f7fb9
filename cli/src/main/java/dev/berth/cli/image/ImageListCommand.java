package dev.berth.cli.image;

import dev.berth.cli.EngineCommand;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.engine.image.ImageReference;
import dev.berth.engine.image.store.Image;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth images} / {@code berth image ls}: the local images, one row per tag, like {@code docker images}. */
@Command(name = "ls", aliases = {"list"}, description = "List images.")
public final class ImageListCommand extends EngineCommand implements Callable<Integer> {

    @Option(names = {"-q", "--quiet"}, description = "Only show image IDs.")
    boolean quiet;

    @Option(names = {"-a", "--all"}, description = "Show all images (berth keeps no intermediate images: same as without).")
    boolean all;

    @Option(names = "--digests", description = "Show digests.")
    boolean digests;

    @Option(names = "--no-trunc", description = "Don't truncate output.")
    boolean noTrunc;

    @Option(names = "--format", paramLabel = "FORMAT", description = "table (default) or json (one object per line).")
    String format = "table";

    @Parameters(arity = "0..1", paramLabel = "REPOSITORY[:TAG]", description = "Only images of this repository (and tag).")
    String filter;

    @Override
    public Integer call() throws Exception {
        record Row(String repository, String tag, String digest, Image image) {
        }
        List<Row> rows = new ArrayList<>();
        for (Image image : images().list()) {
            if (image.repoTags().isEmpty()) {
                rows.add(new Row("<none>", "<none>", digestOf(image, null), image));
            }
            for (String t : image.repoTags()) {
                ImageReference ref = ImageReference.parse(t);
                rows.add(new Row(ref.familiarName(), ref.tag(), digestOf(image, ref), image));
            }
        }
        if (filter != null) {
            ImageReference want = filter.contains(":") ? ImageReference.parse(filter) : ImageReference.parse(filter + ":x");
            boolean tagGiven = filter.contains(":");
            rows.removeIf(r -> !r.repository().equals(want.familiarName()) || (tagGiven && !r.tag().equals(want.tag())));
        }
        rows.sort((a, b) -> b.image().created().compareTo(a.image().created()));
        if (quiet) {
            java.util.LinkedHashSet<String> ids = new java.util.LinkedHashSet<>();
            rows.forEach(r -> ids.add(id(r.image())));
            ids.forEach(out()::println);
            return 0;
        }
        Instant now = Instant.now();
        if (format.equalsIgnoreCase("json")) {
            ObjectMapper json = new ObjectMapper();
            for (Row r : rows) {
                ObjectNode o = json.createObjectNode();
                o.put("Containers", "N/A");
                o.put("CreatedAt", r.image().created().toString());
                o.put("CreatedSince", HumanUnits.ago(r.image().created(), now));
                o.put("Digest", r.digest());
                o.put("ID", id(r.image()));
                o.put("Repository", r.repository());
                o.put("Size", HumanUnits.size(r.image().size()));
                o.put("Tag", r.tag());
                out().println(json.writeValueAsString(o));
            }
            return 0;
        }
        Table table = digests ? new Table("REPOSITORY", "TAG", "DIGEST", "IMAGE ID", "CREATED", "SIZE")
                : new Table("REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE");
        for (Row r : rows) {
            String created = HumanUnits.ago(r.image().created(), now);
            String size = HumanUnits.size(r.image().size());
            if (digests) table.row(r.repository(), r.tag(), r.digest(), id(r.image()), created, size);
            else table.row(r.repository(), r.tag(), id(r.image()), created, size);
        }
        table.print(out());
        return 0;
    }

    private String id(Image image) {
        return noTrunc ? image.id().toString() : image.id().shortHex();
    }

    private static String digestOf(Image image, ImageReference ref) {
        for (String d : image.repoDigests()) {
            int at = d.indexOf('@');
            if (ref == null || ImageReference.parse(d).familiarName().equals(ref.familiarName())) return d.substring(at + 1);
        }
        return "<none>";
    }
}
