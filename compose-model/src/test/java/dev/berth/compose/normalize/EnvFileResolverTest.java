package dev.berth.compose.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.compose.ComposeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Section J: the effective environment and labels of a service (behaviours 78, 122-125). */
class EnvFileResolverTest {

    @TempDir
    Path dir;

    /** The real dotenv parser: ${VAR} in a file expands through the lookup. */
    private static Map<String, String> parse(Path file, java.util.function.Function<String, String> lookup) {
        return dev.berth.compose.dotenv.DotEnv.read(file, lookup);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> service(String yaml, Map<String, String> env) {
        Map<String, Object> doc = new EnvFileResolver(dir, env, EnvFileResolverTest::parse)
                .resolve(Canonical.transform(Docs.yaml(yaml)));
        return (Map<String, Object>) ((Map<String, Object>) doc.get("services")).get("s");
    }

    /** 78: a bare key takes the project's value; one the project does not have stays null. */
    @Test
    void b78_bareKeysFromProjectEnvironment() {
        Map<String, Object> s = service("services: {s: {environment: [MEU, ZO, FOO=1]}}", Map.of("MEU", "Shadoks"));
        assertEquals("{MEU=Shadoks, ZO=null, FOO=1}", s.get("environment").toString());
    }

    /** 122, 124: environment beats env files, a later file beats an earlier one; ${VAR} in a file prefers the host. */
    @Test
    void b122_b124_precedence() throws IOException {
        Files.writeString(dir.resolve("base.env"), "A=base\nB=base\nC=${HOST}\nD=${A}\n");
        Files.writeString(dir.resolve("override.env"), "B=override\nE=${QIX}\n");
        Map<String, Object> s = service("""
                services:
                  s:
                    env_file: [base.env, {path: override.env, required: false}, {path: missing.env, required: false}]
                    environment: {A: from_service, QIX: }
                """, Map.of("HOST", "from_host", "QIX", "QIX_from_os"));
        assertEquals("{A=from_service, B=override, C=from_host, D=from_service, E=QIX_from_os, QIX=QIX_from_os}",
                new java.util.TreeMap<>((Map<?, ?>) s.get("environment")).toString());
        assertEquals("[{path=base.env}, {path=override.env, required=false}, {path=missing.env, required=false}]",
                s.get("env_file").toString());
    }

    /** 123: env file content interpolated with the project environment. */
    @Test
    void b123_interpolatedWithProjectEnv() throws IOException {
        Files.writeString(dir.resolve("test.env"), "HALLO=$TEST\n");
        assertEquals("{HALLO=YES}", service("services: {s: {env_file: test.env}}", Map.of("TEST", "YES"))
                .get("environment").toString());
    }

    /** A required env file that is missing is an error. */
    @Test
    void missingRequiredEnvFile() {
        ComposeException e = assertThrows(ComposeException.class, () -> service("services: {s: {env_file: nope.env}}", Map.of()));
        assertEquals("services.s.env_file[0]: env file nope.env not found", e.getMessage());
    }

    /** 125: label files merged under the service's labels; a missing one is an error. */
    @Test
    void b125_labelFiles() throws IOException {
        Files.writeString(dir.resolve("a.label"), "FOO=a\nBAR=a\n");
        Files.writeString(dir.resolve("b.label"), "BAR=b\n");
        Map<String, Object> s = service("services: {s: {label_file: [a.label, b.label], labels: {FOO: mine}}}", Map.of());
        assertEquals("{FOO=mine, BAR=b}", s.get("labels").toString());
        ComposeException e = assertThrows(ComposeException.class, () -> service("services: {s: {label_file: test}}", Map.of()));
        assertEquals("services.s.label_file[0]: label file test not found", e.getMessage());
    }

    /** 124: --discard-env-file keeps the variables read but drops the list. */
    @Test
    @SuppressWarnings("unchecked")
    void b124_discardEnvFile() throws IOException {
        Files.writeString(dir.resolve("a.env"), "A=1\n");
        Map<String, Object> doc = new EnvFileResolver(dir, Map.of(), EnvFileResolverTest::parse)
                .resolve(Canonical.transform(Docs.yaml("services: {s: {env_file: a.env}}")), true);
        Map<String, Object> s = (Map<String, Object>) ((Map<String, Object>) doc.get("services")).get("s");
        assertEquals("{environment={A=1}}", s.toString());
    }
}
