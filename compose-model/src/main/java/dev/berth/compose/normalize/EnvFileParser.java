package dev.berth.compose.normalize;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads one env file (or label file) into variables. {@code lookup} answers {@code ${VAR}}
 * references inside the file (null when unset); the dotenv package supplies the real parser.
 */
@FunctionalInterface
public interface EnvFileParser {

    Map<String, String> parse(Path file, Function<String, String> lookup);

    /** A parser that does not interpolate the file's values. */
    static EnvFileParser of(Function<Path, Map<String, String>> reader) {
        return (file, lookup) -> reader.apply(file);
    }
}
