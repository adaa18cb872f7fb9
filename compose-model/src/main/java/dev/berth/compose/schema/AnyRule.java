package dev.berth.compose.schema;

import dev.berth.compose.tree.KeyPath;
import java.util.EnumSet;
import java.util.Set;

/** Any value at all (the empty schema {@code {}}, e.g. for {@code x-} extensions). */
final class AnyRule implements Rule {

    static final AnyRule INSTANCE = new AnyRule();
    private static final Set<Kind> ALL = Set.copyOf(EnumSet.allOf(Kind.class));

    private AnyRule() {
    }

    @Override
    public void check(Object value, KeyPath path, Report report) {
    }

    @Override
    public Set<Kind> kinds() {
        return ALL;
    }
}
