package dev.berth.cli.output;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.Writer;

/**
 * A value tree as YAML the way {@code docker compose config} prints it (Go's yaml.v3 with a
 * 2-space indent): block style, sequences indented under their key, no {@code ---}, strings quoted
 * only where they would read back as something else (numbers, booleans, null, yes/no, ...),
 * multi-line strings as literal blocks, long lines never folded.
 */
public final class YamlOutput {

    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .disable(YAMLGenerator.Feature.USE_PLATFORM_LINE_BREAKS)
            .stringQuotingChecker(new YamlQuoting())
            .build();

    private YamlOutput() {
    }

    public static void write(Object tree, Writer out) throws IOException {
        try (JsonGenerator gen = FACTORY.createGenerator(out)) {
            gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            TreeWriter.write(gen, tree, GoFloats::yaml);
        }
    }
}
