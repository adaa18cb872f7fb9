package dev.berth.compose.schema;

import dev.berth.compose.tree.KeyPath;
import dev.berth.compose.tree.ResetTag;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A list whose items all follow one rule, optionally with no two equal items ({@code uniqueItems}). */
final class ListRule implements Rule {

    private static final Set<Kind> KINDS = Set.of(Kind.LIST);
    private static final List<Kind> LIST_ONLY = List.of(Kind.LIST);

    private final Rule items;
    private final boolean unique;

    ListRule(Rule items, boolean unique) {
        this.items = items;
        this.unique = unique;
    }

    /** The same list, its items required to be distinct. */
    ListRule unique() {
        return new ListRule(items, true);
    }

    @Override
    public void check(Object value, KeyPath path, Report report) {
        if (!(value instanceof List<?> list)) {
            report.add(path, Messages.mustBe(LIST_ONLY, value));
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            report.check(items, list.get(i), path.index(i));
        }
        if (unique && list.size() > 1) checkUnique(list, path, report);
    }

    private static void checkUnique(List<?> list, KeyPath path, Report report) {
        Map<Object, Integer> seen = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            if (item == ResetTag.INSTANCE) continue;
            Integer first = seen.putIfAbsent(JsonValues.canonical(item), i);
            if (first != null) {
                report.add(path, "items at " + first + " and " + i + " are equal (list items must be unique)");
                return;
            }
        }
    }

    @Override
    public Set<Kind> kinds() {
        return KINDS;
    }
}
