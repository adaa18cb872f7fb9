package dev.berth.compose.dotenv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.compose.ComposeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Behaviours B.28–B.45: the .env / env_file syntax. */
class DotEnvTest {

    private static final Function<String, String> NO_ENV = name -> null;

    private static LinkedHashMap<String, String> parse(String content) {
        return DotEnv.parse(".env", content, NO_ENV);
    }

    private static void assertParses(String content, String key, String value) {
        Map<String, String> env = parse(content);
        assertTrue(env.containsKey(key), () -> "no key " + key + " in " + env);
        assertEquals(value, env.get(key), content);
    }

    private static String failure(String content) {
        return assertThrows(ComposeException.class, () -> parse(content)).getMessage();
    }

    @Test
    void b28_unquotedSingleAndDoubleQuotedValues() {
        assertEquals(Map.of("ONE", "1", "TWO", "2", "THREE", "3"), parse("ONE=1\nTWO='2'\nTHREE = \"3\""));
    }

    @Test
    void b28_keysKeepTheirOrder() {
        assertEquals(List.of("B", "A", "C"), List.copyOf(parse("B=1\nA=2\nC=3\nB=4\n").keySet()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"FOO =bar|FOO|bar", "FOO= bar|FOO|bar", "' KEY =value'|KEY|value",
        "'   KEY=value'|KEY|value", "FOO=bar |FOO|bar", "FOO=bar\t\r|FOO|bar"})
    void b29_whitespaceAroundKeysAndValuesIsTrimmed(String content, String key, String value) {
        assertParses(content, key, value);
    }

    @Test
    void b29_tabBeforeTheKey() {
        assertParses("\tKEY=value", "KEY", "value");
    }

    @Test
    void b30_colonSeparatedYamlStyle() {
        assertParses("OPTION_A: 1", "OPTION_A", "1");
        assertParses("OPTION_A: Foo=bar", "OPTION_A", "Foo=bar");
        assertParses("OPTION_A=1:B", "OPTION_A", "1:B");
    }

    @Test
    void b31_exportPrefixIsDroppedOnlyWhenFollowedBySpace() {
        assertParses("export OPTION_A=2", "OPTION_A", "2");
        assertParses("\texport OPTION_A=2", "OPTION_A", "2");
        assertParses("  export OPTION_A=2", "OPTION_A", "2");
        assertParses("export\tOPTION_A=2", "OPTION_A", "2");
        assertParses("export exportFoo=2", "exportFoo", "2");
        assertParses("exportFOO=2", "exportFOO", "2");
        assertParses("export_FOO =2", "export_FOO", "2");
        assertParses("export.FOO= 2", "export.FOO", "2");
        assertParses("export OPTION_A=\"export A\"", "OPTION_A", "export A");
        assertParses("export OPTION_B='\\n'", "OPTION_B", "\\n");
    }

    @Test
    void b32_escapesWorkOnlyInDoubleQuotes() {
        assertParses("FOO=\"bar\\nbaz\"", "FOO", "bar\nbaz");
        assertParses("FOO=\"a\\tb\"", "FOO", "a\tb");
        assertParses("FOO=a\\tb", "FOO", "a\\tb");
        assertParses("FOO='a\\nb'", "FOO", "a\\nb");
        assertParses("KEY=\"Z\\aZ\\bZ\\fZ\\nZ\\rZ\\tZ\\vZ\\\\Z\\0123Z\"", "KEY", "Z\u0007Z\bZ\fZ\nZ\rZ\tZ\u000BZ\\ZSZ");
        assertParses("KEY=\"\\0123\"", "KEY", "S");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\x07", "\\u12e4", "\\U00101234", "\\c", "\\01", "\\0999"})
    void b32_otherBackslashSequencesAreKeptLiterally(String seq) {
        assertParses("KEY=\"" + seq + "\"", "KEY", seq);
    }

    @Test
    void b32_backslashesNextToOtherCharacters() {
        assertParses("FOO=\"bar\\n\\ b\\az\"", "FOO", "bar\n\\ b\u0007z");
        assertParses("FOO=\"bar\\\\\\n\\ b\\az\"", "FOO", "bar\\\n\\ b\u0007z");
        assertParses("FOO=\"bar\\\\r\\ b\\az\"", "FOO", "bar\\r\\ b\u0007z");
        assertParses("FOO=\"bar\\nbaz\\\\\"", "FOO", "bar\nbaz\\");
    }

    @Test
    void b33_escapedQuotes() {
        assertParses("FOO=\"escaped\\\"bar\"", "FOO", "escaped\"bar");
        assertParses("FOO=\"\\\"quoted\\\"\"", "FOO", "\"quoted\"");
        assertParses("FOO=\"'d'\"", "FOO", "'d'");
        assertParses("FOO='Let\\'s go!'", "FOO", "Let's go!");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "FOO=bar # this is foo|bar", "FOO=bar #this is foo|bar", "FOO=bar #|bar",
        "FOO=123#not-an-inline-comment|123#not-an-inline-comment",
        "FOO=\"bar#baz\"|bar#baz", "FOO=\"bar#baz\"#|bar#baz", "FOO=\"bar#baz\" # comment|bar#baz",
        "FOO='bar#baz' # comment|bar#baz", "FOO=\"bar#baz#bang\" # comment|bar#baz#bang",
        "FOO=\"ba#r\"|ba#r", "FOO='ba#r'|ba#r"})
    void b34_inlineCommentsNeedASpaceBefore(String content, String value) {
        assertParses(content, "FOO", value);
    }

    @Test
    void b34_commentsInAnEnvFile() {
        assertEquals(Map.of("COMMENT", "1234", "NO_COMMENT", "1234#5"),
                parse("COMMENT=1234 # a comment\nNO_COMMENT=1234#5\n"));
    }

    @Test
    void b35_doubleQuotedValuesMaySpanLines() {
        assertParses("TEST_URLS=\"stratum+tcp://a:3333\nstratum+tcp://b:443\"", "TEST_URLS",
                "stratum+tcp://a:3333\nstratum+tcp://b:443");
        Map<String, String> env = parse("A='first\nsecond'\nB=2\n");
        assertEquals("first\nsecond", env.get("A"));
        assertEquals("2", env.get("B"));
    }

    @Test
    void b36_keysArePermissive() {
        assertParses("FOO.BAR=foobar", "FOO.BAR", "foobar");
        assertParses("VAR-WITH-DASHES=dashes", "VAR-WITH-DASHES", "dashes");
        assertParses("a[1]=c", "a[1]", "c");
        assertParses("árvíztűrő-TÜKÖRFÚRÓGÉP=ÁRVÍZTŰRŐ-tükörfúrógép", "árvíztűrő-TÜKÖRFÚRÓGÉP", "ÁRVÍZTŰRŐ-tükörfúrógép");
        assertParses("FOO=foobar=", "FOO", "foobar=");
        assertParses("=\"value\"", "", "value");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n", "\t\t ", "# Comment", "\t # comment", "", "\n\n# a\n  # b\n"})
    void b37_blankAndCommentLinesAreIgnored(String content) {
        assertEquals(Map.of(), parse(content));
    }

    @Test
    void b38_badCharacterInAKey() {
        assertTrue(failure("lol$wut").contains("unexpected character \"$\" in variable name \"lol$wut\""));
        assertEquals("failed to read .env: line 1: unexpected character \"%\" in variable name \"%!(EXTRA string)=foo\"",
                failure("%!(EXTRA string)=foo"));
        assertTrue(failure("A=1\nB=2\nC D$=3").startsWith("failed to read .env: line 3: unexpected character \"$\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"KEY=\"", "KEY=\"value", "KEY=\"value\\\"", "KEY=\"value'", "KEY='", "KEY='value",
        "KEY='value\\'", "KEY='value\""})
    void b38_unterminatedQuotes(String content) {
        assertTrue(failure(content).contains("unterminated quoted value"), content);
    }

    @Test
    void b38_unterminatedQuoteReportsTheLineWhereTheTextEnds() {
        assertEquals("failed to read .env: line 3: unterminated quoted value \"abc", failure("A=1\nB=\"abc\nd"));
    }

    @Test
    void b38_aKeyWithASpaceNamesItsLine() {
        assertEquals("failed to read .env: line 3: key cannot contain a space", failure("A=1\n\nINVALID LINE\nB=2"));
    }

    @Test
    void b39_aBareKeyTakesItsValueFromTheLookupOrIsDropped() {
        Map<String, String> os = Map.of("VAR_TO_BE_LOADED_FROM_OS_ENV", "SOME_RANDOM_VALUE");
        Map<String, String> env = DotEnv.parse(".env", "foo=bar\nVAR_TO_BE_LOADED_FROM_OS_ENV\nVARIABLE_NOT_FOUND\nbar=baz\n",
                os::get);
        assertEquals(Map.of("foo", "bar", "VAR_TO_BE_LOADED_FROM_OS_ENV", "SOME_RANDOM_VALUE", "bar", "baz"), env);
        assertFalse(env.containsKey("VARIABLE_NOT_FOUND"));
    }

    @Test
    void b39_keysWithValuesAreNotReplacedByTheLookup() {
        assertEquals(Map.of("OPTION_A", "1"), DotEnv.parse(".env", "OPTION_A=1\n", Map.of("OPTION_A", "5")::get));
    }

    @Test
    void b40_valuesExpandEarlierKeys() {
        assertEquals(Map.of("FOO", "test", "BAR", "test"), parse("FOO=test\nBAR=$FOO"));
        assertEquals("testbar", parse("FOO=test\nBAR=${FOO}bar").get("BAR"));
        assertEquals("", parse("BAR=$FOO").get("BAR"));
        assertEquals("quote test", parse("FOO=test\nBAR=\"quote $FOO\"").get("BAR"));
        assertEquals("quote $FOO", parse("BAR='quote $FOO'").get("BAR"));
        assertEquals("foo$BAR", parse("FOO=\"foo\\$BAR\"").get("FOO"));
        assertEquals("foo${BAR}", parse("FOO=\"foo\\${BAR}\"").get("FOO"));
        assertEquals("foo${FOO} test", parse("FOO=test\nBAR=\"foo\\${FOO} ${FOO}\"").get("BAR"));
        assertEquals("YES", DotEnv.parse(".env", "TEST=$ME", Map.of("ME", "YES")::get).get("TEST"));
    }

    @Test
    void b41_expansionOperators() {
        assertEquals("Default Value", parse("A=${UNSET:-Default Value}").get("A"));
        assertEquals("", parse("EMPTY=\nA=${EMPTY-Default Value}").get("A"));
        assertEquals("", parse("EMPTY=\nA=${EMPTY?Test error}").get("A"));
        assertEquals("failed to read .env: required variable UNSET is missing a value: Test error",
                failure("A=${UNSET:?Test error}"));
        assertTrue(failure("EMPTY=\nA=\"${EMPTY:?Test error}\"").endsWith("required variable EMPTY is missing a value: Test error"));
    }

    @Test
    void b42_theLookupWinsOverEarlierLinesWhenExpanding() {
        Map<String, String> os = Map.of("OPTION_A", "5");
        Map<String, String> env = DotEnv.parse(".env",
                "OPTION_A=1\nOPTION_B=${OPTION_A}\nOPTION_C=$OPTION_B\nOPTION_D=${OPTION_A}_${OPTION_B}\nOPTION_E=${OPTION_NOT_DEFINED}\n",
                os::get);
        assertEquals(Map.of("OPTION_A", "1", "OPTION_B", "5", "OPTION_C", "5", "OPTION_D", "5_5", "OPTION_E", ""), env);
    }

    @Test
    void b42_aDefaultForTheSameKey() {
        String file = "OPTION_A=${OPTION_A:-1}\nOPTION_B=${OPTION_A}\n";
        assertEquals(Map.of("OPTION_A", "5", "OPTION_B", "5"), DotEnv.parse(".env", file, Map.of("OPTION_A", "5")::get));
        assertEquals(Map.of("OPTION_A", "1", "OPTION_B", "1"), parse(file));
    }

    @Test
    void b43_severalFilesLaterWinsAndTheLookupStillWinsExpansion(@TempDir Path dir) throws IOException {
        Path base = Files.writeString(dir.resolve("base.env"),
                "ENV_HOSTNAME=localhost\nENV_MY_URL=\"http://${ENV_HOSTNAME}\"\nONLY_BASE=b\n");
        Path override = Files.writeString(dir.resolve("override.env"),
                "ENV_HOSTNAME=dev.my-company.com\nENV_MY_URL=\"http://${ENV_HOSTNAME}\"\nFROM_BASE=$ONLY_BASE\n");
        Map<String, String> env = DotEnv.readAll(List.of(base, override), NO_ENV);
        assertEquals("dev.my-company.com", env.get("ENV_HOSTNAME"));
        assertEquals("http://dev.my-company.com", env.get("ENV_MY_URL"));
        assertEquals("b", env.get("FROM_BASE"));

        env = DotEnv.readAll(List.of(base, override), Map.of("ENV_HOSTNAME", "host.local")::get);
        assertEquals("dev.my-company.com", env.get("ENV_HOSTNAME"));
        assertEquals("http://host.local", env.get("ENV_MY_URL"));
    }

    @Test
    void b44_aByteOrderMarkIsIgnored() {
        assertEquals(Map.of("OPTION_A", "1", "OPTION_B", "2"), parse("\uFEFFOPTION_A=1\nOPTION_B=2\n"));
    }

    @Test
    void b45_aDirectoryIsNotAnEnvFile(@TempDir Path dir) throws IOException {
        Path envDir = Files.createDirectory(dir.resolve(".env"));
        ComposeException e = assertThrows(ComposeException.class, () -> DotEnv.read(envDir, NO_ENV));
        assertTrue(e.getMessage().endsWith(".env is a directory"), e.getMessage());
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        ComposeException e = assertThrows(ComposeException.class, () -> DotEnv.read(dir.resolve("nope.env"), NO_ENV));
        assertEquals("couldn't find env file: " + dir.resolve("nope.env"), e.getMessage());
    }

    @Test
    void readNamesTheFileInParseErrors(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("bad.env"), "# c\nA=1\nB C=2\n");
        ComposeException e = assertThrows(ComposeException.class, () -> DotEnv.read(file, NO_ENV));
        assertEquals("failed to read " + file + ": line 3: key cannot contain a space", e.getMessage());
    }

    @Test
    void aLargeFileParsesInOnePass() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20_000; i++) sb.append("KEY_").append(i).append("=\"value ${KEY_0} ").append(i).append("\"\n");
        Map<String, String> env = parse(sb.toString());
        assertEquals(20_000, env.size());
        assertEquals("value value  0 19999", env.get("KEY_19999"));
    }
}
