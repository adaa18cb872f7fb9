package dev.berth.compose.dotenv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.compose.ComposeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** compose-go's own dotenv fixtures, read in place from ../shared (behaviours B.28–B.44). */
class DotEnvFixturesTest {

    private static final Function<String, String> NO_ENV = name -> null;
    private static Path fixtures;

    @BeforeAll
    static void locate() {
        fixtures = dev.berth.compose.SharedData.composeSpec().resolve("compose-go/dotenv/fixtures");
        Assumptions.assumeTrue(Files.isDirectory(fixtures), "dotenv fixtures absent from ../shared");
    }

    private static Map<String, String> read(String name) {
        return DotEnv.read(fixtures.resolve(name), NO_ENV);
    }

    @Test
    void plain() {
        Map<String, String> env = read("plain.env");
        assertEquals("1", env.get("OPTION_A"));
        assertEquals("2", env.get("OPTION_B"));
        assertEquals("3", env.get("OPTION_C"));
        assertEquals("4", env.get("OPTION_D"));
        assertEquals("5", env.get("OPTION_E"));
        assertEquals("", env.get("OPTION_F"));
        assertEquals("", env.get("OPTION_G"));
        assertEquals("my string", env.get("OPTION_H"));
        // a key starting with a digit is kept by the parser (only godotenv's Read drops it)
        assertEquals("ABC", env.get("456"));
    }

    @Test
    void quoted() {
        Map<String, String> env = read("quoted.env");
        assertEquals("1", env.get("OPTION_A"));
        assertEquals("2", env.get("OPTION_B"));
        assertEquals("", env.get("OPTION_C"));
        assertEquals("\\n", env.get("OPTION_D"));
        assertEquals("1", env.get("OPTION_E"));
        assertEquals("2", env.get("OPTION_F"));
        assertEquals("", env.get("OPTION_G"));
        assertEquals("\n", env.get("OPTION_H"));
        assertEquals("echo 'asd'", env.get("OPTION_I"));
        assertEquals("first line\nsecond line\nthird line\nand so on", env.get("OPTION_J"));
        assertEquals("Let's go!", env.get("OPTION_K"));
        assertEquals("last value", env.get("OPTION_Z"));
    }

    @Test
    void unquotedExportedEqualsSpecial() {
        Map<String, String> env = read("unquoted.env");
        assertEquals("some quoted phrase", env.get("OPTION_A"));
        assertEquals("first one with an unquoted phrase", env.get("OPTION_B"));
        assertEquals("then another one with an unquoted phrase", env.get("OPTION_C"));
        assertEquals("then another one with an unquoted phrase special è char", env.get("OPTION_D"));
        assertEquals("then another one quoted phrase", env.get("OPTION_E"));
        assertEquals(Map.of("OPTION_A", "2", "OPTION_B", "\\n"), read("exported.env"));
        assertEquals(Map.of("OPTION_A", "postgres://localhost:5432/database?sslmode=disable"), read("equals.env"));
        assertEquals(Map.of("VAR.WITH.DOTS", "dots", "VAR_WITH_UNDERSCORES", "underscores", "VAR-WITH-DASHES", "dashes"),
                read("special.env"));
        assertEquals(Map.of("FOO", "BAR", "ZOT", "QIX"), read("custom.format"));
    }

    @Test
    void substitutions() {
        Map<String, String> expected = Map.of("OPTION_A", "1", "OPTION_B", "1", "OPTION_C", "1", "OPTION_D", "1_1", "OPTION_E", "");
        assertEquals(expected, read("substitutions.env"));
        assertEquals(expected, read("substitutions-default.env"));
        Function<String, String> os = Map.of("OPTION_A", "5")::get;
        assertEquals(Map.of("OPTION_A", "1", "OPTION_B", "5", "OPTION_C", "5", "OPTION_D", "5_5", "OPTION_E", ""),
                DotEnv.read(fixtures.resolve("substitutions.env"), os));
        assertEquals(Map.of("OPTION_A", "5", "OPTION_B", "5", "OPTION_C", "5", "OPTION_D", "5_5", "OPTION_E", ""),
                DotEnv.read(fixtures.resolve("substitutions-default.env"), os));
    }

    @Test
    void inherited() {
        Function<String, String> os = Map.of("VAR_TO_BE_LOADED_FROM_OS_ENV", "SOME_RANDOM_VALUE")::get;
        assertEquals(Map.of("foo", "bar", "bar", "baz", "VAR_TO_BE_LOADED_FROM_OS_ENV", "SOME_RANDOM_VALUE"),
                DotEnv.read(fixtures.resolve("inherited-multi-var.env"), os));
        assertEquals(Map.of("VAR_TO_BE_LOADED_FROM_OS_ENV", "SOME_RANDOM_VALUE"),
                DotEnv.read(fixtures.resolve("inherited-single-var.env"), os));
        assertEquals(Map.of(), read("inherited-not-found.env"));
    }

    @Test
    void utf8Bom() throws IOException {
        Path file = fixtures.resolve("utf8-bom.env");
        byte[] bytes = Files.readAllBytes(file);
        assertTrue(bytes.length > 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF,
                "fixture lost its byte order mark");
        Map<String, String> env = read("utf8-bom.env");
        for (String k : List.of("OPTION_A", "OPTION_B", "OPTION_C", "OPTION_D", "OPTION_E")) {
            assertEquals(String.valueOf(k.charAt(7) - 'A' + 1), env.get(k), k);
        }
    }

    @Test
    void invalid1IsRejectedAtLine7() {
        Path file = fixtures.resolve("invalid1.env");
        ComposeException e = assertThrows(ComposeException.class, () -> DotEnv.read(file, NO_ENV));
        assertEquals("failed to read " + file + ": line 7: key cannot contain a space", e.getMessage());
    }

    @Test
    void theFixturesDirectoryItselfIsRefused() {
        ComposeException e = assertThrows(ComposeException.class, () -> DotEnv.read(fixtures, NO_ENV));
        assertTrue(e.getMessage().endsWith("fixtures is a directory"), e.getMessage());
    }

    @Test
    void everyEnvFixtureButInvalid1Parses() throws IOException {
        try (var files = Files.list(fixtures)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".env")).toList()) {
                if (f.getFileName().toString().equals("invalid1.env")) continue;
                DotEnv.read(f, NO_ENV);
            }
        }
    }
}
