package dev.berth.engine.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvFileTest {

    private static List<String> parse(String text, Map<String, String> env) {
        return EnvFile.parse("test.env", text.getBytes(StandardCharsets.UTF_8), env);
    }

    @Test
    void linesAreTakenLiterally() {
        String text = """
                # a comment
                A=1
                  B=two words\t
                Q="quoted"
                S='single' # not a comment
                EMPTY=
                EQ=a=b==
                	   # an indented comment

                URL=http://x/?a=${HOME}
                """;
        assertEquals(List.of("A=1", "B=two words\t", "Q=\"quoted\"", "S='single' # not a comment", "EMPTY=", "EQ=a=b==",
                "URL=http://x/?a=${HOME}"), parse(text, Map.of()));
    }

    @Test
    void aKeyAloneTakesTheCallersValueOrIsDropped() {
        Map<String, String> env = Map.of("HOME", "/root", "BLANK", "");
        assertEquals(List.of("HOME=/root", "BLANK="), parse("HOME\nUNSET\nBLANK\n", env));
    }

    @Test
    void bomAndCarriageReturnsGo() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] rest = "A=1\r\nB=2\r\n\r\nC\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[bom.length + rest.length];
        System.arraycopy(bom, 0, all, 0, bom.length);
        System.arraycopy(rest, 0, all, bom.length, rest.length);
        assertEquals(List.of("A=1", "B=2", "C=3"), EnvFile.parse("f", all, Map.of("C", "3")));
        // a BOM anywhere else is part of the text (and then not a valid key start is fine: it is no whitespace)
        assertEquals(List.of("\uFEFFB=2"), parse("A\n\uFEFFB=2", Map.of()));
    }

    @Test
    void noTrailingNewlineNeeded() {
        assertEquals(List.of("A=1", "B=2"), parse("A=1\nB=2", Map.of()));
        assertEquals(List.of(), parse("", Map.of()));
    }

    @Test
    void badKeysNameTheFileAndLine() {
        var e = assertThrows(IllegalArgumentException.class, () -> parse("A=1\n\nMY VAR=x\n", Map.of()));
        assertEquals("env file test.env line 3: variable 'MY VAR' contains whitespaces"
                + " (write KEY=VALUE with no space around the key)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> parse("KEY =x", Map.of()));
        assertTrue(e.getMessage().contains("line 1: variable 'KEY ' contains whitespaces"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> parse("A\tB", Map.of()));
        assertTrue(e.getMessage().contains("variable 'A\tB' contains whitespaces"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> parse("ok=1\n=value", Map.of()));
        assertEquals("env file test.env line 2: no variable name on line '=value'", e.getMessage());
    }

    @Test
    void invalidUtf8IsRefused() {
        byte[] bad = {'A', '=', (byte) 0xC3, '\n'};
        var e = assertThrows(IllegalArgumentException.class, () -> EnvFile.parse("bad.env", bad, Map.of()));
        assertTrue(e.getMessage().startsWith("env file bad.env contains invalid utf8 bytes at line 1"), e.getMessage());
    }

    @Test
    void readsAFile(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("app.env"), "X=1\nY\n");
        assertEquals(List.of("X=1", "Y=y"), EnvFile.read(f, Map.of("Y", "y")));
        var e = assertThrows(IllegalArgumentException.class,
                () -> EnvFile.read(Files.writeString(dir.resolve("b.env"), "\n a b=1"), Map.of()));
        assertTrue(e.getMessage().startsWith("env file " + dir.resolve("b.env") + " line 2:"), e.getMessage());
    }
}
