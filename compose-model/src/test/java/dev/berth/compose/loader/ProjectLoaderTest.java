package dev.berth.compose.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.compose.ComposeException;
import dev.berth.compose.model.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line layer of loading: files, project directory, .env, project name (behaviours.md C, L). */
class ProjectLoaderTest {

    @TempDir
    Path tmp;

    private Path write(String relative, String content) throws IOException {
        Path p = tmp.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        return p;
    }

    private LoadOptions options(Path cwd, Map<String, String> env) {
        return LoadOptions.defaults(cwd, env);
    }

    private Project load(LoadOptions o) {
        return ProjectLoader.load(o);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(Project p, String name) {
        return p.services().get(name);
    }

    @Test
    void projectNamePrecedence() throws IOException { // behaviour 46, 47
        Path dir = tmp.resolve("My Project");
        write("My Project/compose.yaml", "name: from_file\nservices:\n  a:\n    image: x\n");
        assertEquals("from_file", load(options(dir, Map.of())).name());
        assertEquals("from_env", load(options(dir, Map.of("COMPOSE_PROJECT_NAME", "from_env"))).name());
        assertEquals("from_flag", load(options(dir, Map.of("COMPOSE_PROJECT_NAME", "from_env"))
                .withProjectName("from_flag")).name());
        write("My Project/.env", "COMPOSE_PROJECT_NAME=from_dot_env\n");
        assertEquals("from_dot_env", load(options(dir, Map.of())).name());
        Files.delete(dir.resolve(".env"));
        Files.writeString(dir.resolve("compose.yaml"), "services:\n  a:\n    image: x\n");
        assertEquals("myproject", load(options(dir, Map.of())).name(), "directory name, normalized (48)");
    }

    @Test
    void explicitNamesAreValidatedNotNormalized() throws IOException { // behaviour 48
        write("compose.yaml", "services:\n  a:\n    image: x\n");
        for (String bad : List.of("-my_project", "_my_project", "www.my.project", "MY_PROJECT")) {
            ComposeException e = assertThrows(ComposeException.class, () -> load(options(tmp, Map.of()).withProjectName(bad)));
            assertTrue(e.getMessage().contains("invalid project name \"" + bad + "\""), e.getMessage());
        }
        assertEquals("42my_project_num", load(options(tmp, Map.of()).withProjectName("42my_project_num")).name());
        write("n/compose.yaml", "name: My.Weird_Name\nservices:\n  a:\n    image: x\n");
        assertEquals("myweird_name", load(options(tmp.resolve("n"), Map.of())).name(), "name: is normalized silently");
    }

    @Test
    void nameIsInterpolatedAndComposeProjectNameIsAVariable() throws IOException { // behaviours 25, 26
        write("compose.yaml", "name: test-${TEST}-test\nservices:\n  web:\n    image: x\n    container_name: ${COMPOSE_PROJECT_NAME}-web\n");
        Project p = load(options(tmp, Map.of("TEST", "expected")));
        assertEquals("test-expected-test", p.name());
        assertEquals("test-expected-test-web", service(p, "web").get("container_name"));
        Project q = load(options(tmp, Map.of("TEST", "expected")).withProjectName("interpolated"));
        assertEquals("interpolated-web", service(q, "web").get("container_name"));
    }

    @Test
    void discoveryWalksUpAndAddsTheOverride() throws IOException { // behaviour 51
        write("compose.yaml", "services:\n  a:\n    image: base\n");
        write("compose.override.yaml", "services:\n  a:\n    image: overridden\n");
        Files.createDirectories(tmp.resolve("sub/deeper"));
        Project p = load(options(tmp.resolve("sub/deeper"), Map.of()));
        assertEquals("overridden", service(p, "a").get("image"));
        assertEquals(2, p.composeFiles().size());
        assertTrue(p.composeFiles().getFirst().isAbsolute());
        assertEquals(tmp.toAbsolutePath().normalize(), p.workingDir());
    }

    @Test
    void severalCandidatesWarnAndTheFirstWins() throws IOException { // behaviour 51
        write("compose.yaml", "services:\n  a:\n    image: first\n");
        write("docker-compose.yml", "services:\n  a:\n    image: second\n");
        List<String> warnings = new ArrayList<>();
        Project p = ProjectLoader.load(options(tmp, Map.of()), warnings::add);
        assertEquals("first", service(p, "a").get("image"));
        assertTrue(warnings.getFirst().contains("Found multiple config files"), warnings.toString());
    }

    @Test
    void noFileIsAClearError() {
        ComposeException e = assertThrows(ComposeException.class, () -> load(options(tmp, Map.of())));
        assertTrue(e.getMessage().contains("no configuration file provided"), e.getMessage());
    }

    @Test
    void dotEnvSelectsFilesAndFeedsInterpolation() throws IOException { // behaviours 50, 53
        write("other.yaml", "services:\n  a:\n    image: x\n    ports: [\"${PUBLIC_PORT}:80\"]\n");
        write(".env", "COMPOSE_FILE=other.yaml\nPUBLIC_PORT=8000\n");
        Project p = load(options(tmp, Map.of()));
        List<?> ports = (List<?>) service(p, "a").get("ports");
        assertEquals("8000", ((Map<?, ?>) ports.getFirst()).get("published"));
    }

    @Test
    void shellBeatsDotEnvAlsoInsideIt() throws IOException { // behaviour 54
        write(".env", "FOO=foo\nBAR=${FOO}\n");
        write("compose.yaml", "services:\n  a:\n    image: x\n    labels:\n      foo: $FOO\n      bar: $BAR\n");
        Map<String, Object> labels = castMap(service(load(options(tmp, Map.of())), "a").get("labels"));
        assertEquals(Map.of("foo", "foo", "bar", "foo"), labels);
        labels = castMap(service(load(options(tmp, Map.of("FOO", "zot"))), "a").get("labels"));
        assertEquals(Map.of("foo", "zot", "bar", "zot"), labels);
    }

    @Test
    void laterEnvFileWins() throws IOException { // behaviour 55
        write("a.env", "PORT=8000\n");
        write("b.env", "PORT=9000\n");
        write("compose.yaml", "services:\n  a:\n    image: x\n    labels: {port: $PORT}\n");
        Project p = load(options(tmp, Map.of()).withEnvFiles(List.of("a.env", "b.env")));
        assertEquals("9000", castMap(service(p, "a").get("labels")).get("port"));
    }

    @Test
    void stdinIsAFile() { // behaviour 52
        Project p = load(options(tmp, Map.of()).withFiles("-").withStdin("services: {simple: {image: nginx}}\n"));
        assertEquals("nginx", service(p, "simple").get("image"));
    }

    @Test
    void multipleFilesMergeInOrderAndMultiDocumentsToo() throws IOException { // behaviours 68, 126
        write("a.yaml", "services:\n  s:\n    image: foo\n    scale: 1\n");
        write("b.yaml", "services:\n  s:\n    image: bar\n---\nservices:\n  s:\n    scale: 2\n");
        Project p = load(options(tmp, Map.of()).withFiles("a.yaml", "b.yaml"));
        assertEquals("bar", service(p, "s").get("image"));
        assertEquals(2L, ((Number) service(p, "s").get("scale")).longValue());
    }

    @Test
    void emptyFileIsAnErrorButAnEmptyOverrideIsNot() throws IOException { // behaviour 65
        write("empty.yaml", "");
        write("c.yaml", "services:\n  a:\n    image: x\n");
        ComposeException e = assertThrows(ComposeException.class, () -> load(options(tmp, Map.of()).withFiles("empty.yaml")));
        assertTrue(e.getMessage().contains("empty compose file"), e.getMessage());
        assertEquals(List.of("a"), load(options(tmp, Map.of()).withFiles("c.yaml", "empty.yaml")).serviceNames());
    }

    @Test
    void versionIsIgnoredWithAWarning() throws IOException { // behaviour 63
        write("compose.yaml", "version: \"2\"\nservices:\n  a:\n    image: x\n");
        List<String> warnings = new ArrayList<>();
        Project p = ProjectLoader.load(options(tmp, Map.of()), warnings::add);
        assertFalse(p.model().containsKey("version"));
        assertTrue(warnings.stream().anyMatch(w -> w.contains("the attribute `version` is obsolete")), warnings.toString());
    }

    @Test
    void errorsNameFileLineColumnAndPath() throws IOException {
        write("compose.yaml", "services:\n  web:\n    image: x\n    ports:\n      - 80\n      - [1]\n");
        ComposeException e = assertThrows(ComposeException.class, () -> load(options(tmp, Map.of())));
        String msg = e.getMessage();
        assertTrue(msg.contains(tmp.resolve("compose.yaml") + ":6:9"), msg);
        assertTrue(msg.contains("services.web.ports[1]"), msg);
    }

    @Test
    void extendsInTheSameFileAndAnother() throws IOException { // behaviours 144, 145
        write("compose.yaml", """
                services:
                  foo:
                    image: busybox
                    extends: bar
                  bar:
                    image: alpine
                    command: echo
                  far:
                    extends:
                      file: a/base.yaml
                      service: base
                """);
        write("a/base.yaml", "services:\n  base:\n    build: .\n    environment: {A: \"1\"}\n");
        Project p = load(options(tmp, Map.of()));
        assertEquals("busybox", service(p, "foo").get("image"));
        assertEquals(List.of("echo"), service(p, "foo").get("command"));
        assertFalse(service(p, "foo").containsKey("extends"));
        assertEquals(tmp.resolve("a").toString(), castMap(service(p, "far").get("build")).get("context"));
    }

    @Test
    void extendsCyclesAreReported() throws IOException { // behaviour 146
        write("compose.yaml", "services:\n  a:\n    image: x\n    extends: b\n  b:\n    image: y\n    extends: a\n");
        ComposeException e = assertThrows(ComposeException.class, () -> load(options(tmp, Map.of())));
        assertTrue(e.getMessage().contains("Circular reference"), e.getMessage());
    }

    @Test
    void extendsWithoutServiceIsAnError() throws IOException { // behaviour 146
        write("compose.yaml", "services:\n  test:\n    image: x\n    extends:\n      file: other.yaml\n");
        ComposeException e = assertThrows(ComposeException.class, () -> load(options(tmp, Map.of())));
        assertTrue(e.getMessage().contains("extends.test.service is required"), e.getMessage());
    }

    @Test
    void includeImportsServicesWithTheirOwnEnvironment() throws IOException { // behaviours 147, 148, 150
        write("compose.yaml", """
                include:
                  - path: ./sub/compose.yaml
                    env_file: ./sub/extra.env
                services:
                  local:
                    image: x
                    depends_on: [imported]
                """);
        write("sub/compose.yaml", "services:\n  imported:\n    image: y\n    container_name: ${SOURCE:-imported}\n    build: .\n");
        write("sub/extra.env", "SOURCE=extends\n");
        Project p = load(options(tmp, Map.of()));
        assertEquals("extends", service(p, "imported").get("container_name"));
        assertEquals(tmp.resolve("sub").toString(), castMap(service(p, "imported").get("build")).get("context"));
        Project q = load(options(tmp, Map.of("SOURCE", "override")));
        assertEquals("override", service(q, "imported").get("container_name"), "host env wins (147)");
    }

    @Test
    void includeCycleIsReported() throws IOException { // behaviour 150
        write("compose.yaml", "include: [compose.yaml]\nservices:\n  a:\n    image: x\n");
        ComposeException e = assertThrows(ComposeException.class, () -> load(options(tmp, Map.of())));
        assertTrue(e.getMessage().startsWith("include cycle detected"), e.getMessage());
    }

    @Test
    void profilesFromFlagAndEnvironment() throws IOException { // behaviours 151, 159
        write("compose.yaml", "services:\n  a:\n    image: x\n  dbg:\n    image: y\n    profiles: [debug]\n");
        assertEquals(List.of("a"), load(options(tmp, Map.of())).serviceNames());
        assertEquals(List.of("a", "dbg"), load(options(tmp, Map.of()).withProfiles(List.of("debug"))).serviceNames());
        assertEquals(List.of("a", "dbg"), load(options(tmp, Map.of("COMPOSE_PROFILES", "debug"))).serviceNames());
        assertEquals(List.of("dbg"), load(options(tmp, Map.of()).withServices(List.of("dbg"))).serviceNames(),
                "naming a service enables its profile and selects it (152, 153)");
        assertEquals(List.of("debug"), load(options(tmp, Map.of())).profiles());
    }

    @Test
    void defaultNetworkAndResourceNames() throws IOException { // behaviours 116, 117
        write("compose.yaml", "name: p\nservices:\n  a:\n    image: x\n    volumes: [data:/d]\nvolumes:\n  data: {}\n  unused: {}\n");
        Project p = load(options(tmp, Map.of()));
        assertEquals("p_default", castMap(castMap(p.model().get("networks")).get("default")).get("name"));
        assertEquals("p_data", castMap(castMap(p.model().get("volumes")).get("data")).get("name"));
        assertNotNull(castMap(service(p, "a").get("networks")));
        assertFalse(castMap(p.model().get("volumes")).containsKey("unused"), "unused resources are dropped (119)");
        assertTrue(castMap(load(options(tmp, Map.of()).withAllResources(true)).model().get("volumes")).containsKey("unused"));
    }

    @Test
    void noNormalizeKeepsNamesAsWritten() throws IOException {
        write("compose.yaml", "name: p\nservices:\n  a:\n    image: x\n");
        Project p = load(options(tmp, Map.of()).withNormalize(false));
        assertFalse(p.model().containsKey("networks"));
    }

    @Test
    void noInterpolateKeepsVariables() throws IOException {
        write("compose.yaml", "services:\n  a:\n    image: x:${TAG}\n");
        assertEquals("x:${TAG}", service(load(options(tmp, Map.of("TAG", "1")).withInterpolate(false)), "a").get("image"));
        assertEquals("x:1", service(load(options(tmp, Map.of("TAG", "1"))), "a").get("image"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return o == null ? new HashMap<>() : (Map<String, Object>) o;
    }

    @Test
    void b49_anEmptyProjectNameIsFatal() throws IOException {
        // a project whose directory name normalizes to nothing, and no other name
        write("___/compose.yaml", "services:\n  a:\n    image: x\n");
        ComposeException e = assertThrows(ComposeException.class, () -> load(options(tmp.resolve("___"), Map.of())));
        assertTrue(e.getMessage().contains("project name must not be empty"), e.getMessage());
    }

    @Test
    void b77_daemonSideValuesAreNotValidatedHere() throws IOException {
        write("compose.yaml", "services:\n  a:\n    image: x\n    isolation: invalid\n");
        assertEquals("invalid", service(load(options(tmp, Map.of())), "a").get("isolation"));
    }

    @Test
    void b149_includeProjectDirectoryResolvesPathsThere() throws IOException {
        write("compose.yaml", "include:\n  - project_directory: ./subdir\n    path: ./dir/compose.yaml\n");
        write("dir/compose.yaml", "services:\n  s:\n    build: .\n    volumes: [./data:/data]\n    env_file: [extra.env]\n");
        write("subdir/extra.env", "A=1\n");
        Project p = load(options(tmp, Map.of()));
        Map<String, Object> s = service(p, "s");
        assertEquals(tmp.resolve("subdir").toString(), castMap(s.get("build")).get("context"));
        assertEquals(tmp.resolve("subdir/data").toString(), castMap(((List<?>) s.get("volumes")).getFirst()).get("source"));
        assertEquals("1", castMap(s.get("environment")).get("A"));
    }

    @Test
    void b158_shellBeatsDotEnvInInterpolation() throws IOException {
        write(".env", "WHEREAMI=EnvFileDefaultValue\n");
        write("compose.yaml", "services:\n  env-compose-priority:\n    image: default_env:${WHEREAMI}\n");
        assertEquals("default_env:shell", service(load(options(tmp, Map.of("WHEREAMI", "shell"))), "env-compose-priority").get("image"));
        assertEquals("default_env:EnvFileDefaultValue", service(load(options(tmp, Map.of())), "env-compose-priority").get("image"));
    }

    @Test
    void b122_containerEnvironmentTakesEnvFilesUnderEnvironment() throws IOException {
        write("base.env", "A=from_base\nB=from_base\nC=${HOST_C}\n");
        write("over.env", "B=from_over\n");
        write("compose.yaml", "services:\n  s:\n    image: x\n    env_file: [base.env, over.env]\n    environment: [A=from_environment, QIX]\n");
        Map<String, Object> env = castMap(service(load(options(tmp, Map.of("QIX", "from_os", "HOST_C", "c"))), "s").get("environment"));
        assertEquals("from_environment", env.get("A"));
        assertEquals("from_over", env.get("B"));
        assertEquals("c", env.get("C"));
        assertEquals("from_os", env.get("QIX"));
    }

    @Test
    void remoteResourcesAreRefusedClearly() throws IOException {
        write("compose.yaml", "include: [oci://registry/app:1]\nservices:\n  a:\n    image: x\n");
        ComposeException e = assertThrows(ComposeException.class, () -> load(options(tmp, Map.of())));
        assertTrue(e.getMessage().contains("remote resource oci://registry/app:1 is not supported"), e.getMessage());
    }

    @Test
    void envFileFormatRawAndRequiredFalse() throws IOException { // e2e TestRawEnvFile; env_file required: false
        write(".env.raw", "TEST_VAR='{\"key\": \"value\"}'\n");
        write("compose.yaml", """
                services:
                  test:
                    image: alpine
                    env_file:
                      - path: .env.raw
                        format: raw
                      - path: missing.env
                        required: false
                """);
        assertEquals("'{\"key\": \"value\"}'", castMap(service(load(options(tmp, Map.of())), "test").get("environment")).get("TEST_VAR"));
        Files.writeString(tmp.resolve("compose.yaml"), "services:\n  t:\n    image: a\n    env_file: [{path: .env.raw, format: yaml}]\n");
        ComposeException e = assertThrows(ComposeException.class, () -> load(options(tmp, Map.of())));
        assertTrue(e.getMessage().contains("unsupported env_file format \"yaml\""), e.getMessage());
    }
}
