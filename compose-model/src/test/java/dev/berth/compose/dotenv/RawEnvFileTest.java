package dev.berth.compose.dotenv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RawEnvFileTest {

    @Test
    void valuesAreTakenLiterally() { // docker/compose e2e TestRawEnvFile
        Map<String, String> env = RawEnvFile.parse("TEST_VAR='{\"key\": \"value\"}'\n\n# comment\nA=\"x\" # not a comment\nB=${FOO}\\n\n",
                k -> null);
        assertEquals("'{\"key\": \"value\"}'", env.get("TEST_VAR"));
        assertEquals("\"x\" # not a comment", env.get("A"));
        assertEquals("${FOO}\\n", env.get("B"));
        assertEquals(3, env.size());
    }

    @Test
    void bareKeysComeFromTheLookup() {
        assertEquals(Map.of("HOME", "/home/me"), RawEnvFile.parse("HOME\nUNSET\n", k -> k.equals("HOME") ? "/home/me" : null));
    }
}
