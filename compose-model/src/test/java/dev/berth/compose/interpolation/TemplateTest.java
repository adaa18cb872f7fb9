package dev.berth.compose.interpolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Behaviours A.1–A.17 (template substitution); the environment has FOO=first, BAR="" and JSON. */
class TemplateTest {

    private static final Map<String, String> ENV = Map.of("FOO", "first", "BAR", "", "JSON", "{\"json\":2}");
    private static final Function<String, String> LOOKUP = ENV::get;

    private static String sub(String template) {
        return Template.substitute(template, LOOKUP);
    }

    @Test
    void a01_doubleDollarIsALiteralDollarAndIsNotLookedUp() {
        List<String> looked = new ArrayList<>();
        String out = Template.substitute("$${foo} and $$FOO", name -> {
            looked.add(name);
            return "x";
        });
        assertEquals("${foo} and $FOO", out);
        assertTrue(looked.isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a $ string", "^REGEX$", "$}", "$", "cost: 5$ each", "$-"})
    void a02_aDollarThatStartsNothingStaysAsWritten(String text) {
        assertEquals(text, sub(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"${", "${}", "${ }", "${ foo}", "${foo }", "${foo!}", "ok ${FOO:x}", "${FOO:-x\n}"})
    void a03_malformedBracesAreInvalidTemplates(String text) {
        TemplateException.InvalidTemplate e = assertThrows(TemplateException.InvalidTemplate.class, () -> sub(text));
        assertTrue(e.getMessage().startsWith("Invalid template: "), e.getMessage());
        assertEquals(text, e.template());
    }

    @Test
    void a04_anUnbracedNameEndsAtTheFirstCharacterOutsideTheNameSet() {
        assertEquals("first-bar", sub("$FOO-bar"));
        assertEquals("first.x", sub("$FOO.x"));
        assertEquals("", sub("$FOO_bar"));
    }

    @Test
    void a05_unsetOrEmptyWithoutDefaultIsEmpty() {
        assertEquals("This  var", sub("This ${missing} var"));
        assertEquals("This  var", sub("This ${BAR} var"));
    }

    @Test
    void a06_dollarNameEqualsBracedName() {
        assertEquals("This first var", sub("This $FOO var"));
        assertEquals("This first var", sub("This ${FOO} var"));
    }

    @Test
    void a07_colonDashCoversEmptyButDashOnlyUnset() {
        assertEquals("ok def", sub("ok ${missing:-def}"));
        assertEquals("ok def", sub("ok ${missing-def}"));
        assertEquals("ok def", sub("ok ${BAR:-def}"));
        assertEquals("ok ", sub("ok ${BAR-def}"));
        assertEquals("ok first", sub("ok ${FOO:-def}"));
    }

    @Test
    void a08_plusGivesTheAlternativeWhenSet() {
        assertEquals("ok ", sub("ok ${UNSET_VAR:+presence_value}"));
        assertEquals("ok ", sub("ok ${UNSET_VAR+presence_value}"));
        assertEquals("ok presence_value", sub("ok ${FOO:+presence_value}"));
        assertEquals("ok presence_value", sub("ok ${FOO+presence_value}"));
        assertEquals("ok presence_value", sub("ok ${BAR+presence_value}"));
        assertEquals("ok ", sub("ok ${BAR:+presence_value}"));
    }

    @Test
    void a09_defaultsMayContainOperatorCharacters() {
        assertEquals("ok /non:-alphanumeric", sub("ok ${BAR:-/non:-alphanumeric}"));
        assertEquals("{{{ foo:?bar:?value }}}", sub("{{{ ${UNSET:-foo:?bar:?value} }}}"));
    }

    @Test
    void a09_outerTextDoesNotChangeTheOperator() {
        assertEquals("-ok defaultValue", sub("-ok ${BAR:-defaultValue}"));
        assertEquals("+ok ", sub("+ok ${UNSET:-${BAR-defaultValue}}"));
        assertEquals(":-ok defaultValue", sub(":-ok ${UNSET-defaultValue}"));
        assertEquals(":?ok ", sub(":?ok ${BAR-defaultValue}"));
        assertEquals("?ok defaultValue", sub("?ok ${BAR:-defaultValue}"));
    }

    @Test
    void a10_theFirstOperatorAfterTheNameWins() {
        assertEquals("myerror?msg", sub("${UNSET_VAR-myerror?msg}"));
        TemplateException.MissingRequired e = assertThrows(TemplateException.MissingRequired.class,
                () -> sub("${UNSET_VAR?bar-baz}"));
        assertEquals("UNSET_VAR", e.variable());
        assertEquals("bar-baz", e.reason());
        assertEquals("first", sub("${FOO?bar-baz}"));
        assertEquals("va:-lu:?e", sub("${VARNAME-va:-lu:?e}"));
        assertEquals("first", sub("${FOO:-va:+x}"));
        assertEquals("va:?lu:-e", sub("${FOO:+va:?lu:-e}"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ok ${UNSET_VAR-$FOO}|ok first",
        "ok ${UNSET_VAR-${FOO}}|ok first",
        "ok ${UNSET_VAR-${FOO} ${FOO}}|ok first first",
        "ok ${BAR:-${FOO} ${FOO}}|ok first first",
        "ok ${BAR+$FOO ${FOO:+second}}|ok first second",
        "${UNSET1:-${UNSET2:-${UNSET3:-qix}}}|qix",
        "${UNSET1:-${UNSET2:-x}_test_${UNSET2:-y}}|x_test_y",
    })
    void a11_defaultsAreThemselvesSubstituted(String template, String expected) {
        assertEquals(expected, sub(template));
    }

    @Test
    void a12_bracesInsideADefault() {
        assertEquals("ok {\"json\":1}", sub("ok ${missing:-{\"json\":1}}"));
        assertEquals("ok {\"json\":2}", sub("ok ${JSON:-{\"json\":1}}"));
    }

    @Test
    void a13_colonQuestionRequiresANonEmptyValue() {
        TemplateException e = assertThrows(TemplateException.MissingRequired.class,
                () -> sub("not ok ${UNSET_VAR:?Mandatory Variable Unset}"));
        assertEquals("required variable UNSET_VAR is missing a value: Mandatory Variable Unset", e.getMessage());
        e = assertThrows(TemplateException.MissingRequired.class, () -> sub("not ok ${BAR:?Mandatory Variable Empty}"));
        assertEquals("required variable BAR is missing a value: Mandatory Variable Empty", e.getMessage());
        e = assertThrows(TemplateException.MissingRequired.class, () -> sub("not ok ${UNSET_VAR:?}"));
        assertEquals("required variable UNSET_VAR is missing a value", e.getMessage());
        assertEquals("ok first", sub("ok ${FOO:?err}"));
    }

    @Test
    void a14_questionRequiresOnlyThatTheVariableIsSet() {
        assertEquals("ok ", sub("ok ${BAR?err}"));
        assertEquals("ok first", sub("ok ${FOO?err}"));
        TemplateException e = assertThrows(TemplateException.MissingRequired.class, () -> sub("${UNSET_VAR?}"));
        assertEquals("required variable UNSET_VAR is missing a value", e.getMessage());
        e = assertThrows(TemplateException.MissingRequired.class, () -> sub("not ok ${UNSET_VAR?Mandatory Variable Unset}"));
        assertEquals("required variable UNSET_VAR is missing a value: Mandatory Variable Unset", e.getMessage());
    }

    @Test
    void a15_theRequiredMessageIsSubstitutedToo() {
        for (String t : List.of("not ok ${UNSET_VAR:?Mandatory Variable ${FOO}}", "not ok ${UNSET_VAR?Mandatory Variable ${FOO}}")) {
            TemplateException e = assertThrows(TemplateException.MissingRequired.class, () -> sub(t));
            assertEquals("required variable UNSET_VAR is missing a value: Mandatory Variable first", e.getMessage());
        }
    }

    @Test
    void a16_onlyTheBranchInUseIsEvaluated() {
        List<String> unset = new ArrayList<>();
        assertEquals("B", Template.substitute("${A:+${A},}B", LOOKUP, unset::add));
        assertEquals(List.of(), unset);

        assertEquals("", Template.substitute("${A:-${B}}", LOOKUP, unset::add));
        assertEquals(List.of("B"), unset);

        unset.clear();
        assertEquals("value", Template.substitute("${A?${B}}", Map.of("A", "value")::get, unset::add));
        assertEquals(List.of(), unset);

        // an unused branch may even be malformed or fail: it is never looked at
        assertEquals("first", sub("${FOO:-${UNSET:?boom}}"));
        assertEquals("first", sub("${FOO-${}}"));
    }

    @Test
    void a16_plainUseOfAnUnsetVariableIsReportedWithComposeWording() {
        List<String> unset = new ArrayList<>();
        Template.substitute("$NOPE ${NOPE2} ${FOO}", LOOKUP, unset::add);
        assertEquals(List.of("NOPE", "NOPE2"), unset);
        assertEquals("The \"NOPE\" variable is not set. Defaulting to a blank string.", Template.unsetWarning("NOPE"));
    }

    @Test
    void a17_expressionsConcatenate() {
        assertEquals("ok redis.first", sub("ok ${SUBDOMAIN:-redis}.${FOO:?}"));
        assertEquals("first/first:first", sub("${FOO}/$FOO:${FOO:-x}"));
    }

    @Test
    void textWithoutDollarIsReturnedAsIs() {
        String s = "no variables here";
        assertTrue(s == Template.substitute(s, LOOKUP));
    }

    @Test
    void namesAreCaseSensitiveButMayUseAnyCase() {
        assertEquals("first", sub("${FOO}"));
        assertEquals("", sub("${foo}"));
        assertEquals("v", Template.substitute("${mIxEd_1}", Map.of("mIxEd_1", "v")::get));
    }

    @Test
    void a03_anErrorInsideADefaultNamesTheInnerTemplate() {
        TemplateException.InvalidTemplate e = assertThrows(TemplateException.InvalidTemplate.class,
                () -> sub("x ${UNSET:-${}"));
        assertEquals("${", e.template());
        assertEquals("Invalid template: \"${\"", e.getMessage());
    }

    @Test
    void braceCountingFollowsComposeGo() {
        // compose-go counts every '{' and skips the character after it, so "{}" right inside a
        // default does not close; the default then runs to the last brace of the line.
        assertEquals("set", Template.substitute("${A:-{}} ${B}", Map.of("A", "set")::get));
        TemplateException.InvalidTemplate e = assertThrows(TemplateException.InvalidTemplate.class,
                () -> sub("${A:-{}} ${B}"));
        assertEquals("{}} ${B", e.template());
        assertEquals("{x} first", sub("${A:-{x}} ${FOO}"));
    }
}
