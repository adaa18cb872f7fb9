package dev.berth.cli.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.Writer;

/**
 * A value tree as JSON the way {@code docker compose config --format json} prints it (Go's
 * {@code json.MarshalIndent(v, "", "  ")}): 2-space indent, {@code "key": value}, one array item a
 * line, empty containers as {@code {}} and {@code []}, and {@code < > &} escaped as Go does.
 */
public final class JsonOutput {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final GoEscapes ESCAPES = new GoEscapes();

    private JsonOutput() {
    }

    public static void write(Object tree, Writer out) throws IOException {
        DefaultIndenter indent = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter pretty = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator(""))
                .withObjectIndenter(indent);
        pretty.indentArraysWith(indent);
        try (JsonGenerator gen = FACTORY.createGenerator(out)) {
            gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            gen.setPrettyPrinter(pretty);
            gen.setCharacterEscapes(ESCAPES);
            TreeWriter.write(gen, tree, GoFloats::json);
        }
        out.write('\n');
    }

    /** Go's encoder escapes HTML-significant characters so the output is safe inside a page. */
    private static final class GoEscapes extends CharacterEscapes {
        private final int[] table = standardAsciiEscapesForJSON();

        GoEscapes() {
            table['<'] = ESCAPE_CUSTOM;
            table['>'] = ESCAPE_CUSTOM;
            table['&'] = ESCAPE_CUSTOM;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return table;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return switch (ch) {
                case '<' -> new SerializedString("\\u003c");
                case '>' -> new SerializedString("\\u003e");
                case '&' -> new SerializedString("\\u0026");
                case 0x2028 -> new SerializedString("\\u2028");
                case 0x2029 -> new SerializedString("\\u2029");
                default -> null;
            };
        }
    }
}
