package dev.berth.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class YamlOutputTest {

    private static String yaml(Object tree) throws IOException {
        StringWriter out = new StringWriter();
        YamlOutput.write(tree, out);
        return out.toString();
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    @Test
    void blockStyleWithSequencesIndentedUnderTheirKeyAndNoDocumentStart() throws IOException {
        Object tree = map("services", map("web", map("image", "busybox", "command", List.of("httpd", "-f"))));
        assertEquals("""
                services:
                  web:
                    image: busybox
                    command:
                      - httpd
                      - -f
                """, yaml(tree));
    }

    @Test
    void keyOrderIsKept() throws IOException {
        assertEquals("z: 1\na: 2\nm: 3\n", yaml(map("z", 1L, "a", 2L, "m", 3L)));
    }

    @ParameterizedTest(name = "{0} is written as {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "3000|`\"3000\"`", "0440|`\"0440\"`", "1.5|`\"1.5\"`", "1e3|`\"1e3\"`", "0x1F|`\"0x1F\"`", "-12|`\"-12\"`",
            "1_000|`\"1_000\"`", ".5|`\".5\"`", "08|`\"08\"`",
            "true|`\"true\"`", "False|`\"False\"`", "yes|`\"yes\"`", "on|`\"on\"`", "N|`\"N\"`",
            "null|`\"null\"`", "~|`\"~\"`", "``|`\"\"`", "<<|`\"<<\"`", ".inf|`\".inf\"`",
            "22:22|`\"22:22\"`", "2001-12-14|`\"2001-12-14\"`",
            "2001-13-14|2001-13-14", "busybox|busybox", "8080/tcp|8080/tcp", "1.2.3|1.2.3", "-p|-p",
            "label=level:s0:c100,c200|label=level:s0:c100,c200", "ALL|ALL", "nothing|nothing",
            "*.example.com|`'*.example.com'`", "a: b|`'a: b'`", "- x|`'- x'`", "#x|`'#x'`"})
    void stringsAreQuotedOnlyWhereTheyWouldReadAsSomethingElse(String value, String written) throws IOException {
        assertEquals("k: " + written + "\n", yaml(map("k", value)));
    }

    @Test
    void keysFollowTheSameQuotingRules() throws IOException {
        assertEquals("\"80\": a\n\"yes\": b\nweb: c\n", yaml(map("80", "a", "yes", "b", "web", "c")));
    }

    @Test
    void scalarsOfOtherTypesArePlain() throws IOException {
        List<Object> values = new ArrayList<>();
        values.add(42L);
        values.add(true);
        values.add(null);
        values.add(0.5);
        values.add(1.0e-5);
        values.add(2.0);
        assertEquals("k:\n  - 42\n  - true\n  - null\n  - 0.5\n  - 1e-05\n  - 2\n", yaml(map("k", values)));
    }

    @Test
    void multiLineStringsAreLiteralBlocks() throws IOException {
        assertEquals("k: |\n  FROM alpine\n  RUN true\n", yaml(map("k", "FROM alpine\nRUN true\n")));
        assertEquals("k: |-\n  one\n  two\n", yaml(map("k", "one\ntwo")));
    }

    @Test
    void emptyContainersAreFlow() throws IOException {
        assertEquals("a: {}\nb: []\n", yaml(map("a", Map.of(), "b", List.of())));
    }

    @Test
    void longLinesAreNotFolded() throws IOException {
        String longValue = "word ".repeat(40).trim();
        assertEquals("k: " + longValue + "\n", yaml(map("k", longValue)));
    }
}
