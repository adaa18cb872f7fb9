package dev.berth.engine.image.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** An OCI image layout as a directory ({@code skopeo copy ... oci:DIR:tag}); read in place, links kept inside it. */
final class LayoutDirectory implements ArchiveFiles {

    private final Path root;

    LayoutDirectory(Path root) throws IOException {
        this.root = root.toRealPath();
    }

    @Override
    public Path find(String name) {
        String normal = ArchivePaths.normalize(name);
        if (normal == null || normal.isEmpty()) return null;
        try {
            Path file = root.resolve(normal).toRealPath();
            return file.startsWith(root) && Files.isRegularFile(file) ? file : null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public String describe() {
        return "OCI layout " + root;
    }

    @Override
    public void close() {
    }
}
