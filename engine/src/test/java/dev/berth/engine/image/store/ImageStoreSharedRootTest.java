package dev.berth.engine.image.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.engine.image.MediaTypes;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two stores on one root, as two berth commands at once: neither loses the other's changes. */
class ImageStoreSharedRootTest {

    @TempDir
    Path tmp;

    @Test
    void aStoreOpenedEarlierSeesChangesMadeSinceByAnother() throws Exception {
        ImageStore first = new ImageStore(tmp.resolve("images"), new TarDirectoryLayerStore(tmp.resolve("layers")), id -> false);
        Image image = first.add(TestImage.put(first, "x", TestImage.textLayer("f", "1")), MediaTypes.OCI_MANIFEST);
        ImageStore second = new ImageStore(tmp.resolve("images"), new TarDirectoryLayerStore(tmp.resolve("layers")), id -> false);

        first.tag(image.id().toString(), "one:1");
        second.tag(image.id().toString(), "two:2"); // second read the index before "one:1" existed

        ImageStore reopened = new ImageStore(tmp.resolve("images"), new TarDirectoryLayerStore(tmp.resolve("layers")), id -> false);
        assertEquals(List.of("one:1", "two:2"), reopened.resolve(image.id().toString()).orElseThrow().repoTags().stream().sorted().toList());
        assertEquals(2, first.resolve("two:2").orElseThrow().repoTags().size(), "reads see the other store's change too");
    }
}
