package dev.berth.engine.image.build;

import java.time.Instant;
import java.util.List;

/**
 * How to import a root filesystem: {@code --change} instructions, {@code --message}, the tags to
 * give the image, and its creation time (null: now; fix it for a reproducible image ID).
 */
public record ImportOptions(List<String> changes, String message, List<String> tags, Instant created) {

    public ImportOptions {
        changes = changes == null ? List.of() : List.copyOf(changes);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public static ImportOptions defaults() {
        return new ImportOptions(List.of(), null, List.of(), null);
    }

    public ImportOptions withChanges(List<String> newChanges) {
        return new ImportOptions(newChanges, message, tags, created);
    }

    public ImportOptions withMessage(String newMessage) {
        return new ImportOptions(changes, newMessage, tags, created);
    }

    public ImportOptions withTags(String... newTags) {
        return new ImportOptions(changes, message, List.of(newTags), created);
    }

    public ImportOptions withCreated(Instant newCreated) {
        return new ImportOptions(changes, message, tags, newCreated);
    }
}
