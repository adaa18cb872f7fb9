package dev.berth.compose.schema;

import dev.berth.compose.tree.KeyPath;
import dev.berth.compose.tree.ResetTag;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A mapping ({@code "type": "object"}): known properties, keys matching patterns, whether other
 * keys are allowed, required keys. Some mappings also accept other kinds of value as they are
 * (a {@code deploy:} left empty is null; {@code external:} may be a boolean or a string).
 * Built once by the schema definitions; not changed after.
 */
final class MappingRule implements Rule {

    private record PatternProperty(KeyPattern pattern, Rule rule) {
    }

    private final Map<String, Rule> properties = new LinkedHashMap<>();
    private final List<PatternProperty> patternProperties = new ArrayList<>();
    private final List<String> required = new ArrayList<>();
    private final Set<Kind> kinds = EnumSet.of(Kind.MAPPING);
    private boolean closed;

    MappingRule prop(String name, Rule rule) {
        properties.put(name, rule);
        return this;
    }

    MappingRule keys(KeyPattern pattern, Rule rule) {
        patternProperties.add(new PatternProperty(pattern, rule));
        return this;
    }

    /** {@code "patternProperties": {"^x-": {}}}: extension keys allowed, any value. */
    MappingRule extensions() {
        return keys(KeyPattern.EXTENSION, AnyRule.INSTANCE);
    }

    /** {@code "additionalProperties": false}. */
    MappingRule closed() {
        closed = true;
        return this;
    }

    MappingRule required(String... names) {
        required.addAll(List.of(names));
        return this;
    }

    /** Also accept these kinds of value, unchecked ({@code "type": ["object", "null"]}). */
    MappingRule orAlso(Kind... others) {
        kinds.addAll(List.of(others));
        return this;
    }

    Set<String> propertyNames() {
        return properties.keySet();
    }

    @Override
    public void check(Object value, KeyPath path, Report report) {
        if (!(value instanceof Map<?, ?> map)) {
            if (!TypeRule.accepts(kinds, value)) report.add(path, Messages.mustBe(EnumSet.copyOf(kinds), value));
            return;
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (e.getValue() == ResetTag.INSTANCE) continue; // compose-go drops !reset keys before validating
            checkEntry((String) e.getKey(), e.getValue(), path, report);
        }
        checkRequired(map, path, report);
    }

    private void checkEntry(String key, Object value, KeyPath path, Report report) {
        boolean known = false;
        Rule rule = properties.get(key);
        if (rule != null) {
            known = true;
            report.check(rule, value, path.child(key));
        }
        for (PatternProperty p : patternProperties) {
            if (p.pattern().matches(key)) {
                known = true;
                if (p.rule() != AnyRule.INSTANCE) report.check(p.rule(), value, path.child(key));
            }
        }
        if (!known && closed) {
            KeyPath at = path.child(key);
            report.add(new Finding(at, UnknownKey.message(key, properties.keySet()), at.size()));
        }
    }

    private void checkRequired(Map<?, ?> map, KeyPath path, Report report) {
        if (required.isEmpty()) return;
        List<String> missing = new ArrayList<>();
        for (String name : required) {
            Object v = map.get(name);
            if (v == ResetTag.INSTANCE || (v == null && !map.containsKey(name))) missing.add(name);
        }
        if (missing.isEmpty()) return;
        String noun = missing.size() == 1 ? "missing property " : "missing properties ";
        report.add(path, noun + Messages.quoted(missing));
    }

    @Override
    public Set<Kind> kinds() {
        return kinds;
    }
}
