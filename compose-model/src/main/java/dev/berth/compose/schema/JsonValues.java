package dev.berth.compose.schema;

import dev.berth.compose.tree.OverrideTag;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** JSON equality for tree values: numbers compare by value (1 equals 1.0), mappings ignore key order. */
final class JsonValues {

    private JsonValues() {
    }

    /** A value whose {@code equals}/{@code hashCode} is JSON equality of the original. */
    static Object canonical(Object value) {
        return switch (value) {
            case OverrideTag(Object inner) -> canonical(inner);
            case Long l -> BigDecimal.valueOf(l).stripTrailingZeros();
            case Integer i -> BigDecimal.valueOf(i).stripTrailingZeros();
            case Double d when Double.isFinite(d) -> BigDecimal.valueOf(d).stripTrailingZeros();
            case Map<?, ?> m -> {
                Map<Object, Object> out = new HashMap<>();
                m.forEach((k, v) -> out.put(k, canonical(v)));
                yield out;
            }
            case List<?> l -> {
                List<Object> out = new ArrayList<>(l.size());
                for (Object item : l) out.add(canonical(item));
                yield out;
            }
            case null, default -> value;
        };
    }
}
