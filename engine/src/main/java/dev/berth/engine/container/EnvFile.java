package dev.berth.engine.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Placeholder: replaced by the full Docker --env-file parser (helper branch h-parts). */
public final class EnvFile {

    private EnvFile() {
    }

    public static List<String> parse(Path file, Map<String, String> env) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String l = line.stripLeading();
            if (l.isEmpty() || l.startsWith("#")) continue;
            if (l.contains("=")) out.add(l);
            else if (env.containsKey(l)) out.add(l + "=" + env.get(l));
        }
        return out;
    }
}
