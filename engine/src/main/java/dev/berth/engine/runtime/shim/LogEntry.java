package dev.berth.engine.runtime.shim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One line of the shim's log file, Docker's json-file format: {@code {"log":"hi\n","stream":"stdout","time":"…"}}. */
public record LogEntry(String log, String stream, Instant time) {

    /** One json-file line; read with the small parser, as this is on every attached container's output path. */
    public static LogEntry parse(String line) throws IOException {
        try {
            var m = dev.berth.engine.json.MiniJson.object(line);
            return new LogEntry((String) m.get("log"), (String) m.get("stream"), Instant.parse((String) m.get("time")));
        } catch (RuntimeException e) {
            throw new IOException("not a json-file log line: " + e.getMessage(), e);
        }
    }

    /** Every entry of a log file (none if it does not exist). */
    public static List<LogEntry> readAll(Path logFile) throws IOException {
        List<LogEntry> out = new ArrayList<>();
        if (!Files.exists(logFile)) return out;
        for (String line : Files.readAllLines(logFile)) {
            if (!line.isEmpty()) out.add(parse(line));
        }
        return out;
    }

    /** The text of one stream, entries joined as the container wrote them. */
    public static String text(List<LogEntry> entries, String stream) {
        StringBuilder b = new StringBuilder();
        for (LogEntry e : entries) if (e.stream().equals(stream)) b.append(e.log());
        return b.toString();
    }
}
