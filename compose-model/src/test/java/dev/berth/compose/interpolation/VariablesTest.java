package dev.berth.compose.interpolation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Behaviour A.27: the variable inventory shown by {@code config --variables}. */
class VariablesTest {

    private static Variable only(String template) {
        Map<String, Variable> vars = Variables.of(Map.of("foo", template));
        assertEquals(1, vars.size(), vars.toString());
        return vars.values().iterator().next();
    }

    @Test
    void a27_requiredForms() {
        assertEquals(new Variable("bar", "", "", true), only("${bar?:foo}"));
        assertEquals(new Variable("bar", "", "", true), only("${bar?foo}"));
        assertEquals(new Variable("bar", "", "", true), only("${bar:?foo}"));
    }

    @Test
    void a27_defaultAndPresenceValues() {
        assertEquals(new Variable("bar", "foo", "", false), only("${bar:-foo}"));
        assertEquals(new Variable("bar", "foo", "", false), only("${bar-foo}"));
        assertEquals(new Variable("bar", "", "foo", false), only("${bar:+foo}"));
        assertEquals(new Variable("bar", "", "foo", false), only("${bar+foo}"));
    }

    @Test
    void a27_plainNamesIncludingDigitsAndUnderscores() {
        assertEquals(new Variable("bar_1", "", "", false), only("$bar_1"));
        assertEquals(new Variable("bar", "", "", false), only("${bar}"));
        assertEquals(Map.of(), Variables.of(Map.of("foo", "no vars, $$escaped, lone $")));
    }

    @Test
    void a27_namesInsideADefaultAreListedToo() {
        Map<String, Variable> vars = Variables.of(Map.of("x", "${SUBDOMAIN:-$ROOTDOMAIN}"));
        assertEquals(new Variable("SUBDOMAIN", "$ROOTDOMAIN", "", false), vars.get("SUBDOMAIN"));
        assertEquals(new Variable("ROOTDOMAIN", "", "", false), vars.get("ROOTDOMAIN"));
        assertEquals(2, vars.size());
    }

    @Test
    void a27_walksMapsAndListsAndMergesUses() {
        Map<String, Object> tree = Map.of(
                "foo", "${bar:-foo}",
                "bar", Map.of("foo", "${fruit:-banana}", "bar", "vegetable"),
                "baz", List.of("foo", "$docker:${project:-cli} ${after}", "$toto", "${bar?}"));
        Map<String, Variable> vars = Variables.of(tree);
        assertEquals(List.of("after", "bar", "docker", "fruit", "project", "toto"), List.copyOf(vars.keySet()));
        assertEquals(new Variable("bar", "foo", "", true), vars.get("bar"));
        assertEquals(new Variable("project", "cli", "", false), vars.get("project"));
        assertEquals(new Variable("fruit", "banana", "", false), vars.get("fruit"));
    }
}
