package dev.berth.engine.runtime.shim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One line of the shim's log file, Docker's json-file format: {@code {"log":"hi\n","stream":"stdout","time":"…"}}. */
public record LogEntry(String log, String stream, Instant time) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static LogEntry parse(String line) throws IOException {
        JsonNode n = JSON.readTree(line);
        return new LogEntry(n.get("log").asText(), n.get("stream").asText(), Instant.parse(n.get("time").asText()));
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
