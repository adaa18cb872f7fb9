package dev.berth.compose.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.compose.model.Trees;
import dev.berth.compose.yaml.YamlReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NormalizerTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(String text) {
        return (Map<String, Object>) YamlReader.read("test.yaml", text).getFirst().root();
    }

    private static Map<String, Object> normalize(String text, Map<String, String> env) {
        return Normalizer.normalize(yaml(text), "myProject", env::get);
    }

    private static Map<String, Object> normalize(String text) {
        return normalize(text, Map.of());
    }

    @SuppressWarnings("unchecked")
    private static <T> T at(Map<String, Object> model, String... keys) {
        Object v = model;
        for (String k : keys) v = ((Map<String, Object>) v).get(k);
        return (T) v;
    }

    @Test
    void behaviour116_serviceWithoutNetworksJoinsTheImplicitDefaultNetwork() {
        Map<String, Object> model = normalize("""
                services:
                  foo:
                    image: foo
                """);
        Map<String, Object> networks = at(model, "services", "foo", "networks");
        assertTrue(networks.containsKey("default"));
        assertNull(networks.get("default"));
        assertEquals(Map.of("name", "myProject_default"), at(model, "networks", "default"));
    }

    @Test
    void behaviour116_emptyNetworksAlsoMeansDefault() {
        Map<String, Object> model = normalize("""
                services:
                  foo:
                    image: foo
                    networks: {}
                """);
        assertTrue(((Map<?, ?>) at(model, "services", "foo", "networks")).containsKey("default"));
        assertEquals("myProject_default", at(model, "networks", "default", "name"));
    }

    @Test
    void behaviour117_explicitNetworksOrNetworkModeGetNoDefaultNetwork() {
        Map<String, Object> model = normalize("""
                services:
                  foo:
                    image: foo
                    networks:
                      mynet: null
                  bar:
                    image: bar
                    network_mode: host
                networks:
                  mynet: {}
                """);
        assertEquals(Map.of("mynet", Map.of("name", "myProject_mynet")), model.get("networks"));
        assertFalse(((Map<?, ?>) at(model, "services", "bar")).containsKey("networks"));
    }

    @Test
    void behaviour117_explicitDefaultNetworkIsKeptAndNamed() {
        Map<String, Object> model = normalize("""
                services:
                  foo:
                    image: foo
                networks:
                  default:
                    driver: overlay
                """);
        assertEquals("overlay", at(model, "networks", "default", "driver"));
        assertEquals("myProject_default", at(model, "networks", "default", "name"));
    }

    @Test
    void behaviour117_resourcesGetProjectPrefixedNamesUnlessNamedOrExternal() {
        Map<String, Object> model = normalize("""
                services:
                  foo:
                    image: foo
                    networks:
                      mynet: null
                networks:
                  mynet: {}
                  myNamedNet:
                    name: CustomName
                  myExternalnet:
                    external: true
                volumes:
                  myvol: null
                  myExternalVol:
                    external: true
                    name: elsewhere
                secrets:
                  s1:
                    file: ./secret
                configs:
                  c1:
                    external: true
                """);
        assertEquals("myProject_mynet", at(model, "networks", "mynet", "name"));
        assertEquals("CustomName", at(model, "networks", "myNamedNet", "name"));
        assertEquals("myExternalnet", at(model, "networks", "myExternalnet", "name"));
        assertEquals("myProject_myvol", at(model, "volumes", "myvol", "name"));
        assertEquals("elsewhere", at(model, "volumes", "myExternalVol", "name"));
        assertEquals("myProject_s1", at(model, "secrets", "s1", "name"));
        assertEquals("c1", at(model, "configs", "c1", "name"));
    }

    @Test
    void behaviour118_buildArgsResolvedFromEnvAndUnsetOnesDropped() {
        Map<String, Object> model = normalize("""
                services:
                  foo:
                    build:
                      context: ./dir
                      args:
                        FOO: null
                        ZOT: null
                        KEPT: value
                """, Map.of("FOO", "BAR"));
        assertEquals(Map.of("FOO", "BAR", "KEPT", "value"), at(model, "services", "foo", "build", "args"));
    }

    @Test
    void behaviour118_environmentBareKeysResolvedOrLeftUnset() {
        Map<String, Object> model = normalize("""
                services:
                  foo:
                    image: foo
                    environment:
                      FOO: null
                      BAR: null
                      ZOT: QIX
                """, Map.of("BAR", "bar"));
        Map<String, Object> environment = at(model, "services", "foo", "environment");
        assertTrue(environment.containsKey("FOO"));
        assertNull(environment.get("FOO"));
        assertEquals("bar", environment.get("BAR"));
        assertEquals("QIX", environment.get("ZOT"));
    }

    @Test
    void behaviour118_environmentListFormResolvesBareEntries() {
        Map<String, Object> model = normalize("""
                services:
                  foo:
                    image: foo
                    environment: [FOO, BAR, ZOT=QIX]
                """, Map.of("BAR", "bar"));
        assertEquals(List.of("FOO", "BAR=bar", "ZOT=QIX"), at(model, "services", "foo", "environment"));
    }

    @Test
    void behaviour94_buildDefaultsContextAndDockerfile() {
        Map<String, Object> model = normalize("""
                services:
                  a:
                    build: {}
                  b:
                    build:
                      dockerfile_inline: FROM scratch
                """);
        assertEquals(".", at(model, "services", "a", "build", "context"));
        assertEquals("Dockerfile", at(model, "services", "a", "build", "dockerfile"));
        assertFalse(((Map<?, ?>) at(model, "services", "b", "build")).containsKey("dockerfile"));
    }

    @Test
    void behaviour114_namespacesAndLinksAddRestartingDependencies() {
        Map<String, Object> model = normalize("""
                services:
                  foo:
                    image: foo
                    network_mode: service:net
                    ipc: service:ipc
                    pid: service:pid
                    uts: service:uts
                    cgroup: service:cgroup
                    links: [db:database, cache]
                  net: {image: x}
                """);
        Map<String, Object> dependsOn = at(model, "services", "foo", "depends_on");
        Map<String, Object> started = Map.of("condition", "service_started", "restart", true, "required", true);
        for (String dep : List.of("net", "ipc", "pid", "uts", "cgroup", "db", "cache")) {
            assertEquals(started, dependsOn.get(dep), dep);
        }
        assertEquals(7, dependsOn.size());
    }

    @Test
    void behaviour114_volumesFromAddsNonRestartingDependencyButNotForContainers() {
        Map<String, Object> model = normalize("""
                services:
                  foo:
                    image: foo
                    volumes_from: [data, "logs:ro", "container:abc"]
                """);
        Map<String, Object> dependsOn = at(model, "services", "foo", "depends_on");
        Map<String, Object> started = Map.of("condition", "service_started", "required", true);
        assertEquals(Map.of("data", started, "logs", started), dependsOn);
    }

    @Test
    void behaviour114_explicitDependencyIsNeverOverwritten() {
        Map<String, Object> model = normalize("""
                services:
                  foo:
                    image: foo
                    links: [db]
                    volumes_from: [db]
                    network_mode: service:db
                    depends_on:
                      db:
                        condition: service_healthy
                        required: false
                """);
        assertEquals(Map.of("db", Map.of("condition", "service_healthy", "required", false)),
                at(model, "services", "foo", "depends_on"));
    }

    @Test
    void behaviour97_preStartHookWithoutImageInheritsServiceImage() {
        Map<String, Object> model = normalize("""
                services:
                  app:
                    image: alpine
                    pre_start:
                      - command: [echo, one]
                      - image: busybox
                        command: [echo, two]
                  built:
                    build: .
                    pre_start:
                      - command: [echo, three]
                """);
        List<Map<String, Object>> hooks = at(model, "services", "app", "pre_start");
        assertEquals("alpine", hooks.get(0).get("image"));
        assertEquals("busybox", hooks.get(1).get("image"));
        List<Map<String, Object>> built = at(model, "services", "built", "pre_start");
        assertFalse(built.getFirst().containsKey("image"));
    }

    @Test
    void pullPolicyIfNotPresentBecomesMissingAndVolumeTargetsAreCleaned() {
        Map<String, Object> model = normalize("""
                services:
                  foo:
                    image: foo
                    pull_policy: if_not_present
                    volumes:
                      - type: volume
                        target: /data/
                      - type: bind
                        source: /src
                        target: /a/./b/../c
                """);
        assertEquals("missing", at(model, "services", "foo", "pull_policy"));
        List<Map<String, Object>> volumes = at(model, "services", "foo", "volumes");
        assertEquals("/data", volumes.get(0).get("target"));
        assertEquals("/a/c", volumes.get(1).get("target"));
    }

    @Test
    void inputIsNotModified() {
        Map<String, Object> input = yaml("""
                services:
                  foo:
                    image: foo
                    links: [db]
                  db:
                    image: db
                """);
        Map<String, Object> before = Trees.copy(input);
        Normalizer.normalize(input, "p", new HashMap<String, String>()::get);
        assertEquals(before, input);
    }

    @Test
    void cleanPathFollowsGoPathClean() {
        assertEquals("/", Normalizer.cleanPath("/"));
        assertEquals("/", Normalizer.cleanPath("/.."));
        assertEquals("/a", Normalizer.cleanPath("//a//"));
        assertEquals("../b", Normalizer.cleanPath("a/../../b"));
        assertEquals(".", Normalizer.cleanPath(""));
        assertEquals("C:\\data", Normalizer.cleanPath("C:\\data"));
    }
}
