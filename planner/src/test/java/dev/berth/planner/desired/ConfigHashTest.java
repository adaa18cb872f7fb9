package dev.berth.planner.desired;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.berth.compose.model.Project;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config hash: the same for the same container, different when the container would differ. */
class ConfigHashTest {

    private static final String BASE = """
            services:
              db:
                image: busybox
              api:
                image: busybox
                command: [sleep, "100"]
                environment:
                  MODE: ${MODE:-one}
                depends_on: [db]
            """;

    @TempDir
    Path dir;

    private String hash(String yaml, Map<String, String> env, DesiredOptions options) {
        Project p = Projects.load(dir, yaml, env);
        return DesiredStates.from(p, options).services().get("api").configHash();
    }

    private String hash(String yaml) {
        return hash(yaml, Map.of(), DesiredOptions.defaults("1"));
    }

    @Test
    void stableAcrossLoadsAndVersions() {
        String first = hash(BASE);
        assertEquals(first, hash(BASE));
        assertEquals(first, hash(BASE, Map.of(), DesiredOptions.defaults("2")), "berth's version is a label, not config");
        assertEquals(64, first.length());
    }

    @Test
    void changesWithTheEnvironment() {
        String one = hash(BASE);
        assertNotEquals(one, hash(BASE, Map.of("MODE", "two"), DesiredOptions.defaults("1")));
        assertEquals(one, hash(BASE, Map.of("MODE", "one"), DesiredOptions.defaults("1")));
    }

    @Test
    void changesWithWhatDefinesTheContainer() {
        String base = hash(BASE);
        assertNotEquals(base, hash(BASE.replace("\"100\"", "\"200\"")));
        assertNotEquals(base, hash(BASE + "    ports: [\"8080:80\"]\n"));
        assertNotEquals(base, hash(BASE + "    labels: [a=b]\n"));
    }

    @Test
    void notWithScaleDependenciesBuildOrPullPolicy() {
        String base = hash(BASE);
        assertEquals(base, hash(BASE, Map.of(), DesiredOptions.defaults("1").withScale(Map.of("api", 3))));
        assertEquals(base, hash(BASE + "    scale: 2\n"));
        assertEquals(base, hash(BASE + "    deploy: {replicas: 2}\n"));
        assertEquals(base, hash(BASE.replace("depends_on: [db]", "depends_on: {db: {condition: service_healthy}}")));
        assertEquals(base, hash(BASE + "    pull_policy: always\n"));
        assertEquals(base, hash(BASE + "    profiles: [p]\n", Map.of("COMPOSE_PROFILES", "p"), DesiredOptions.defaults("1")));
    }

    @Test
    void notWithKeyOrder() {
        String reordered = """
                services:
                  db:
                    image: busybox
                  api:
                    depends_on: [db]
                    environment:
                      MODE: ${MODE:-one}
                    command: [sleep, "100"]
                    image: busybox
                """;
        assertEquals(hash(BASE), hash(reordered));
    }

    @Test
    void linkAliasesGivenByAnotherServiceRecreateTheLinkedOne(@TempDir Path other) {
        String plain = """
                services:
                  db: {image: busybox}
                  web: {image: busybox}
                """;
        String linked = """
                services:
                  db: {image: busybox}
                  web: {image: busybox, links: ["db:database"]}
                """;
        DesiredState before = Projects.desired(dir, plain);
        DesiredState after = Projects.desired(other, linked);
        assertNotEquals(before.services().get("db").configHash(), after.services().get("db").configHash());
        String project = other.getFileName().toString().toLowerCase();
        assertEquals(java.util.List.of(project + "-db-1", "db", "database"),
                after.services().get("db").containerRequest().apply(1).aliasesOn(project + "_default"));
    }

    @Test
    void theSameWhicheverServicesAreSelected() {
        Project p = Projects.load(dir, """
                services:
                  db: {image: busybox}
                  web: {image: busybox, links: ["db:database"]}
                """);
        DesiredOptions all = DesiredOptions.defaults("1");
        assertEquals(DesiredStates.from(p, all).services().get("db").configHash(),
                DesiredStates.from(p, all.withServices(java.util.List.of("db"), false)).services().get("db").configHash());
    }
}
