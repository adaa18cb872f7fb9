package dev.berth.engine.daemon;

import dev.berth.engine.api.LogOptions;
import dev.berth.engine.runtime.shim.LogEntry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * Reads a container's json-file log with {@code docker logs}' options: the lines so far (the last
 * {@code tail} of them, within since/until, of the asked streams), then, when following, the lines
 * as they are appended — split on newline bytes, so a UTF-8 character cut between two reads stays
 * whole.
 */
final class LogReader implements AutoCloseable {

    private final Path file;
    private final LogOptions options;
    private long offset;
    /** Held open once it exists: a --rm container's log is still readable after its directory went. */
    private RandomAccessFile raf;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    LogReader(Path file, LogOptions options) {
        this.file = file;
        this.options = options;
    }

    void readExisting(Consumer<LogEntry> sink) throws IOException {
        if (options.tail() < 0) {
            readNew(sink);
            return;
        }
        Deque<LogEntry> last = new ArrayDeque<>();
        readNew(e -> {
            last.addLast(e);
            if (last.size() > options.tail()) last.removeFirst();
        });
        last.forEach(sink);
    }

    void readNew(Consumer<LogEntry> sink) throws IOException {
        if (raf == null) {
            if (!Files.exists(file)) return;
            raf = new RandomAccessFile(file.toFile(), "r");
        }
        long length = raf.length();
        if (length <= offset) return;
        byte[] bytes = new byte[(int) Math.min(length - offset, 64 << 20)];
        raf.seek(offset);
        raf.readFully(bytes);
        offset += bytes.length;
        partial.write(bytes);
        byte[] buffered = partial.toByteArray();
        int start = 0;
        for (int i = 0; i < buffered.length; i++) {
            if (buffered[i] != '\n') continue;
            String line = new String(buffered, start, i - start, StandardCharsets.UTF_8);
            start = i + 1;
            if (line.isBlank()) continue;
            LogEntry e = LogEntry.parse(line);
            if (wanted(e)) sink.accept(e);
        }
        partial.reset();
        partial.write(buffered, start, buffered.length - start);
    }

    private boolean wanted(LogEntry e) {
        if (e.stream().equals("stdout") ? !options.stdout() : !options.stderr()) return false;
        if (options.since() != null && e.time().isBefore(options.since())) return false;
        return options.until() == null || e.time().isBefore(options.until());
    }

    @Override
    public void close() throws IOException {
        if (raf != null) raf.close();
    }
}
