package dev.berth.engine.image.store;

import dev.berth.engine.image.oci.OciJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The store's index as one JSON file, replaced atomically: written to a temporary file in the
 * same directory, flushed to disk, then renamed over the old one. A crash leaves either the old
 * or the new index, never a mix.
 */
final class StateFile {

    private final Path file;

    StateFile(Path file) {
        this.file = file;
    }

    StoreState read() {
        if (!Files.exists(file)) return StoreState.empty();
        try {
            StoreState state = OciJson.mapper().readValue(file.toFile(), StoreState.class);
            if (state.version() != StoreState.VERSION) {
                throw new StoreIndexException("image store index " + file + " has version " + state.version()
                        + ", this berth reads version " + StoreState.VERSION + ": use a matching berth", null);
            }
            return state;
        } catch (IOException e) {
            throw new StoreIndexException("image store index " + file + " cannot be read (" + e.getMessage()
                    + "): restore it from a backup or remove the images directory and pull the images again", e);
        }
    }

    void write(StoreState state) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            byte[] json = OciJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(state);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(json);
                while (buf.hasRemaining()) ch.write(buf);
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the write failed already; that is the error to report
            }
            throw new StoreIndexException("cannot write the image store index " + file + ": " + e.getMessage()
                    + " (check free space and permissions; the store is unchanged)", e);
        }
    }
}
