package dev.berth.cli.output;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;

/**
 * Streams a plain value tree (maps, lists, strings, numbers, booleans, null) to a Jackson
 * generator, keeping key order; doubles are spelled by the caller (YAML and JSON differ). The streaming API, not an ObjectMapper: it loads far fewer classes,
 * which matters for a command that runs once and exits.
 */
final class TreeWriter {

    private TreeWriter() {
    }

    static void write(JsonGenerator out, Object value, DoubleFunction<String> floats) throws IOException {
        switch (value) {
            case null -> out.writeNull();
            case Map<?, ?> map -> {
                out.writeStartObject();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    out.writeFieldName(String.valueOf(e.getKey()));
                    write(out, e.getValue(), floats);
                }
                out.writeEndObject();
            }
            case List<?> list -> {
                out.writeStartArray();
                for (Object item : list) write(out, item, floats);
                out.writeEndArray();
            }
            case String s -> out.writeString(s);
            case Boolean b -> out.writeBoolean(b);
            case Long l -> out.writeNumber(l);
            case Integer i -> out.writeNumber(i);
            case Double d -> out.writeNumber(floats.apply(d));
            case Float f -> out.writeNumber(floats.apply(Double.parseDouble(f.toString())));
            case BigInteger b -> out.writeNumber(b);
            case BigDecimal b -> out.writeNumber(b);
            // Anything else (a tag marker left by --no-normalize, say) is shown as its text.
            default -> out.writeString(value.toString());
        }
    }
}
