package dev.berth.compose.schema;

import dev.berth.compose.tree.KeyPath;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** A value of one of some kinds, with no further constraint ({@code "type": ["boolean", "string"]}). */
final class TypeRule implements Rule {

    private final Set<Kind> kinds;
    private final List<Kind> inMessageOrder;

    TypeRule(Set<Kind> kinds) {
        this.kinds = Set.copyOf(kinds);
        this.inMessageOrder = List.copyOf(EnumSet.copyOf(kinds)); // alphabetical, as compose-go sorts them
    }

    static boolean accepts(Set<Kind> kinds, Object value) {
        Kind actual = Kind.of(value);
        for (Kind k : kinds) {
            if (k.accepts(actual)) return true;
        }
        return false;
    }

    @Override
    public void check(Object value, KeyPath path, Report report) {
        if (!accepts(kinds, value)) report.add(path, Messages.mustBe(inMessageOrder, value));
    }

    @Override
    public Set<Kind> kinds() {
        return kinds;
    }
}
