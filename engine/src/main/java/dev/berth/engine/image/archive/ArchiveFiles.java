package dev.berth.engine.image.archive;

import java.io.IOException;
import java.nio.file.Path;

/** The files of an archive by their names inside it, whether spooled from a tar or read from a directory. */
interface ArchiveFiles extends AutoCloseable {

    /** The file named {@code name} ({@code /}-separated, relative), links followed; null when absent. */
    Path find(String name);

    /** What to call this archive in messages. */
    String describe();

    @Override
    void close() throws IOException;
}
