package dev.berth.engine.image.store;

import dev.berth.engine.image.oci.ImageConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of {@code image history}, newest first: the step's ID (the image's own ID on the top
 * row, {@code <missing>} below, as for a pulled image in docker), when, the command, the bytes
 * its layer holds (0 for config-only steps) and the comment.
 */
public record HistoryRow(String id, Instant created, String createdBy, long size, String comment) {

    public static final String MISSING = "<missing>";

    /** The rows for an image: its config's history, each non-empty step matched with its layer. */
    public static List<HistoryRow> of(Image image) {
        List<ImageConfig.History> steps = image.config().history() == null ? List.of() : image.config().history();
        List<Long> sizes = image.layerSizes();
        List<HistoryRow> rows = new ArrayList<>();
        int layer = 0;
        for (ImageConfig.History step : steps) {
            long size = 0;
            if (!step.isEmptyLayer() && layer < sizes.size()) size = sizes.get(layer++);
            rows.add(new HistoryRow(MISSING, createdOf(step.created()), nullToEmpty(step.createdBy()), size,
                    nullToEmpty(step.comment())));
        }
        // images without history (some tools write none): one row per layer
        while (layer < sizes.size()) {
            rows.add(new HistoryRow(MISSING, image.created(), "", sizes.get(layer++), ""));
        }
        List<HistoryRow> newestFirst = new ArrayList<>(rows.reversed());
        if (!newestFirst.isEmpty()) {
            HistoryRow top = newestFirst.getFirst();
            newestFirst.set(0, new HistoryRow(image.id().toString(), top.created, top.createdBy, top.size, top.comment));
        }
        return List.copyOf(newestFirst);
    }

    private static Instant createdOf(String created) {
        if (created == null) return null;
        try {
            return Instant.parse(created);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
