package dev.berth.cli.image;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** JSON as the docker CLI indents it ({@code inspect}): four spaces, {@code "key": value}, {@code []} when empty. */
public final class DockerJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DockerJson() {
    }

    public static String pretty(JsonNode node) throws IOException {
        return MAPPER.writer(new Printer()).writeValueAsString(node);
    }

    private static final class Printer extends DefaultPrettyPrinter {
        Printer() {
            super();
            _objectIndenter = new DefaultIndenter("    ", "\n");
            _arrayIndenter = new DefaultIndenter("    ", "\n");
            _objectFieldValueSeparatorWithSpaces = ": ";
        }

        Printer(Printer base) {
            super(base);
        }

        @Override
        public DefaultPrettyPrinter createInstance() {
            return new Printer(this);
        }

        @Override
        public void writeEndArray(JsonGenerator g, int nrOfValues) throws IOException {
            if (!_arrayIndenter.isInline()) --_nesting;
            if (nrOfValues > 0) _arrayIndenter.writeIndentation(g, _nesting);
            g.writeRaw(']');
        }

        @Override
        public void writeEndObject(JsonGenerator g, int nrOfEntries) throws IOException {
            if (!_objectIndenter.isInline()) --_nesting;
            if (nrOfEntries > 0) _objectIndenter.writeIndentation(g, _nesting);
            g.writeRaw('}');
        }
    }
}
