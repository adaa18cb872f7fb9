package dev.berth.compose.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The small parsers behind the canonical form: durations (83), byte sizes (84), shell words (81), Go's formatting. */
class ScalarParsersTest {

    /** 83: Go's Duration.String() after str2duration parsing. */
    @ParameterizedTest
    @CsvSource({
        "10s, 10s", "90s, 1m30s", "120s, 2m0s", "60s, 1m0s", "1h, 1h0m0s", "1h30m, 1h30m0s", "1.5s, 1.5s",
        "500ms, 500ms", "1500ms, 1.5s", "2d, 48h0m0s", "1w, 168h0m0s", "0, 0s", "0s, 0s", "1us, 1µs", "3ns, 3ns",
        "1m0.5s, 1m0.5s", "-5s, -5s",
    })
    void b83_durations(String in, String out) {
        assertEquals(out, GoDuration.format(GoDuration.parse(in)));
    }

    @Test
    void b83_invalidDurations() {
        assertThrows(IllegalArgumentException.class, () -> GoDuration.parse("10"));
        assertThrows(IllegalArgumentException.class, () -> GoDuration.parse("abc"));
        assertThrows(IllegalArgumentException.class, () -> GoDuration.parse("10x"));
        assertThrows(IllegalArgumentException.class, () -> GoDuration.parse(""));
    }

    /** 84: go-units RAMInBytes. */
    @ParameterizedTest
    @CsvSource({
        "512m, 536870912", "1g, 1073741824", "640kb, 655360", "2gb, 2147483648", "50M, 52428800", "1kb, 1024",
        "1024, 1024", "1.5k, 1536", "10 MiB, 10485760", "0, 0",
    })
    void b84_byteSizes(String in, long out) {
        assertEquals(out, ByteSize.parse(in));
    }

    @Test
    void b84_byteSizeNumbersAndErrors() {
        assertEquals(-1L, ByteSize.parse(-1L));
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("invalid"));
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse(0.0001));
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("-1m"));
    }

    /** 81: go-shellwords as compose-go calls it. */
    @Test
    void b81_shellWords() {
        assertEquals(List.of("bundle", "exec", "thin", "-p", "3000"), ShellWords.parse("bundle exec thin -p 3000"));
        assertEquals(List.of("/bin/ash", "-c", "rm -rf /tmp/might-not-exist"),
                ShellWords.parse("/bin/ash -c \"rm -rf /tmp/might-not-exist\""));
        assertEquals(List.of("echo", "it's"), ShellWords.parse("echo \"it's\""));
        assertEquals(List.of("a b", "c"), ShellWords.parse("a\\ b c"));
        assertEquals(List.of("sh", "-c", "echo $HOME"), ShellWords.parse("sh -c 'echo $HOME'"));
        assertEquals(List.of(""), ShellWords.parse("''"));
        assertEquals(List.of(), ShellWords.parse(""));
        assertEquals(List.of("echo", "a"), ShellWords.parse("echo a && echo b"));
        assertThrows(IllegalArgumentException.class, () -> ShellWords.parse("echo \"unterminated"));
    }

    /** Go's fmt.Sprint for floats: shortest digits, exponent below 1e-4 and from 1e6. */
    @ParameterizedTest
    @CsvSource({"2.5, 2.5", "2.0, 2", "0.0001, 0.0001", "0.00001, 1e-05", "123456.0, 123456", "1234567.0, 1.234567e+06",
        "-1.5, -1.5", "1e21, 1e+21"})
    void goFloatFormatting(double in, String out) {
        assertEquals(out, GoValues.formatFloat(in));
    }

    /** File modes as compose-go marshals them. */
    @Test
    void b93_fileModes() {
        assertEquals("0440", FileMode.canonical(288L));
        assertEquals("0440", FileMode.canonical("0440"));
        assertEquals("0440", FileMode.canonical("0o440"));
        assertEquals("0755", FileMode.canonical("755"));
        assertThrows(IllegalArgumentException.class, () -> FileMode.canonical("rw"));
    }

    /** yaml.v3's map key order: non-letters before letters, digit runs by value. */
    @Test
    void goMapKeyOrder() {
        List<String> keys = new ArrayList<>(List.of("com.example.number", "BAR", "a10", "a9", "LABEL_X", "LABEL.X", "_z", "b"));
        keys.sort(GoMapKeys.INSTANCE);
        assertEquals(List.of("_z", "BAR", "LABEL.X", "LABEL_X", "a9", "a10", "b", "com.example.number"), keys);
    }
}
