package dev.berth.compose.dotenv;

import dev.berth.compose.ComposeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.function.Function;

/**
 * An env file with {@code format: raw}: each {@code KEY=VALUE} line taken literally — no quotes
 * removed, no escapes, no {@code ${…}} expansion (so {@code V='{"a": 1}'} keeps its quotes).
 * Blank lines and lines starting with {@code #} are skipped; a bare {@code KEY} takes the
 * lookup's value, or is left out.
 */
public final class RawEnvFile {

    private RawEnvFile() {
    }

    public static LinkedHashMap<String, String> parse(String content, Function<String, String> lookup) {
        LinkedHashMap<String, String> out = new LinkedHashMap<>();
        if (content.startsWith("\uFEFF")) content = content.substring(1);
        for (String line : content.split("\n", -1)) {
            if (line.endsWith("\r")) line = line.substring(0, line.length() - 1);
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) continue;
            int eq = line.indexOf('=');
            if (eq < 0) {
                String value = lookup.apply(trimmed);
                if (value != null) out.put(trimmed, value);
            } else {
                out.put(line.substring(0, eq).strip(), line.substring(eq + 1));
            }
        }
        return out;
    }

    public static LinkedHashMap<String, String> read(Path file, Function<String, String> lookup) {
        try {
            return parse(Files.readString(file), lookup);
        } catch (IOException e) {
            throw new ComposeException("cannot read env file " + file + ": " + e.getMessage());
        }
    }
}
