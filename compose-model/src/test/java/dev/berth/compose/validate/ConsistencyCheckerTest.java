package dev.berth.compose.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.compose.ComposeError;
import dev.berth.compose.yaml.YamlReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConsistencyCheckerTest {

    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(String text) {
        return (Map<String, Object>) YamlReader.read("test.yaml", text).getFirst().root();
    }

    private static List<ComposeError> check(String text) {
        return ConsistencyChecker.check(yaml(text));
    }

    /** The single error expected, as "path: message". */
    private static void assertOnly(String expected, String text) {
        List<ComposeError> errors = check(text);
        assertEquals(List.of(expected), errors.stream().map(ComposeError::toString).toList());
    }

    private static void assertValid(String text) {
        assertEquals(List.of(), check(text));
    }

    @Test
    void anonymousVolumeNeedsNoDeclaration() {
        assertValid("""
                services:
                  myservice:
                    image: my/service
                    volumes:
                      - {type: volume, target: /use/local}
                """);
    }

    @Test
    void behaviour70_undefinedNamedVolume() {
        String service = """
                services:
                  myservice:
                    image: my/service
                    volumes:
                      - {type: volume, source: myVolume, target: /use/local}
                """;
        assertOnly("services.myservice.volumes[0].source: service \"myservice\" refers to undefined volume myVolume", service);
        assertValid(service + "volumes:\n  myVolume: {name: myVolume}\n");
    }

    @Test
    void behaviour70_neitherImageNorBuild() {
        assertOnly("services.myservice: service \"myservice\" has neither an image nor a build context specified", """
                services:
                  myservice: {}
                """);
        assertValid("""
                services:
                  built:
                    build: {context: .}
                  provided:
                    provider: {type: model}
                """);
    }

    @Test
    void behaviour70_secretMustDeclareFileOrEnvironment() {
        assertOnly("secrets.foo: secret \"foo\" must declare either `file` or `environment`", """
                services: {}
                secrets:
                  foo: {}
                """);
        assertValid("""
                services: {}
                secrets:
                  byFile: {file: .secret}
                  byEnv: {environment: TOKEN}
                  ext: {external: true}
                """);
    }

    @Test
    void behaviour70_undefinedSecretConfigAndBuildSecret() {
        List<ComposeError> errors = check("""
                services:
                  myservice:
                    image: scratch
                    secrets: [{source: foo}]
                    configs: [{source: bar}]
                    build:
                      context: .
                      secrets: [{source: baz}]
                """);
        assertEquals(List.of(
                "services.myservice.build.secrets[0]: service \"myservice\" refers to undefined build secret baz",
                "services.myservice.configs[0]: service \"myservice\" refers to undefined config bar",
                "services.myservice.secrets[0]: service \"myservice\" refers to undefined secret foo"),
                errors.stream().map(ComposeError::toString).toList());
    }

    @Test
    void behaviour70_undefinedDependency() {
        assertOnly("services.myservice.depends_on.missingservice: service \"myservice\" depends on undefined service \"missingservice\"", """
                services:
                  myservice:
                    image: scratch
                    depends_on:
                      missingservice: {condition: service_started, required: true}
                """);
    }

    @Test
    void behaviour115_optionalDependencyOnDisabledServiceIsAllowedUnknownIsNot() {
        Map<String, Object> model = yaml("""
                services:
                  myservice:
                    image: scratch
                    depends_on:
                      other: {condition: service_started, required: false}
                """);
        assertEquals(List.of(), ConsistencyChecker.check(model, Map.of("other", Map.of("image", "scratch"))));
        List<ComposeError> unknown = ConsistencyChecker.check(model);
        assertEquals(1, unknown.size());
        assertTrue(unknown.getFirst().message().contains("depends on undefined service"));
    }

    @Test
    void behaviour115_requiredDependencyOnDisabledServiceIsAnError() {
        Map<String, Object> model = yaml("""
                services:
                  myservice:
                    image: scratch
                    depends_on:
                      other: {condition: service_started, required: true}
                """);
        assertEquals(1, ConsistencyChecker.check(model, Map.of("other", Map.of())).size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"scale: -1", "deploy: {replicas: -1}"})
    void behaviour70_negativeScaleOrReplicas(String setting) {
        String path = setting.startsWith("scale") ? "services.myservice.scale" : "services.myservice.deploy.replicas";
        assertOnly(path + ": must be greater than or equal to 0", """
                services:
                  myservice:
                    image: scratch
                    %s
                """.formatted(setting));
    }

    @Test
    void scaleAndReplicasMustAgree() {
        assertOnly("services.web: can't set distinct values on 'scale' and 'deploy.replicas'", """
                services:
                  web:
                    image: scratch
                    scale: 2
                    deploy: {replicas: 3}
                """);
        assertValid("""
                services:
                  web:
                    image: scratch
                    scale: 2
                    deploy: {replicas: 2}
                """);
    }

    @Test
    void containerNameCannotBeScaled() {
        assertOnly("services.web: can't set container_name and deploy.replicas as container name must be unique", """
                services:
                  web:
                    image: scratch
                    container_name: web
                    deploy: {replicas: 2}
                """);
    }

    @Test
    void behaviour71_networkModeServiceMustExist() {
        assertValid("""
                services:
                  myservice1: {image: scratch}
                  myservice2:
                    image: scratch
                    network_mode: service:myservice1
                  myservice3:
                    image: scratch
                    network_mode: container:mycontainer_name
                """);
        assertOnly("services.myservice2.network_mode: service \"nonexistentservice\" not found for network_mode 'service:nonexistentservice'", """
                services:
                  myservice2:
                    image: scratch
                    network_mode: service:nonexistentservice
                """);
    }

    @Test
    void behaviour71_networkModeAndNetworksAreExclusive() {
        assertOnly("services.myservice1: service myservice1 declares mutually exclusive `network_mode` and `networks`", """
                services:
                  myservice1:
                    image: scratch
                    network_mode: host
                    networks:
                      mynetwork: {}
                networks:
                  mynetwork: {}
                """);
    }

    @Test
    void undefinedNetwork() {
        assertOnly("services.web.networks.back: service \"web\" refers to undefined network back", """
                services:
                  web:
                    image: scratch
                    networks: {back: null}
                """);
    }

    @Test
    void behaviour72_mountTargetClashBetweenTmpfsAndVolume() {
        assertOnly("services.myservice.volumes[1]: target /conflict already mounted as services.myservice.tmpfs[1]", """
                services:
                  myservice:
                    image: scratch
                    tmpfs: [/foo, "/conflict:size=64m"]
                    volumes:
                      - {type: bind, source: /a, target: /bar}
                      - {type: bind, source: /b, target: /conflict}
                """);
    }

    @Test
    void behaviour73_duplicateContainerName() {
        List<ComposeError> errors = check("""
                services:
                  myservice:
                    image: scratch
                    container_name: mycontainer
                  myservice2:
                    image: scratch
                    container_name: mycontainer
                """);
        assertEquals(1, errors.size());
        assertTrue(errors.getFirst().message().contains("container name \"mycontainer\" is already in use by"));
        assertEquals("services.myservice2.container_name", errors.getFirst().path().toString());
    }

    @Test
    void behaviour74_dependencyCycle() {
        assertOnly("services.service1.depends_on: dependency cycle detected: service1 -> service2 -> service3 -> service1", """
                services:
                  service1: {image: a, depends_on: {service2: {condition: service_started}}}
                  service2: {image: b, depends_on: {service3: {condition: service_started}}}
                  service3: {image: c, depends_on: {service1: {condition: service_started}}}
                """);
        assertOnly("services.service1.depends_on: dependency cycle detected: service1 -> service1", """
                services:
                  service1: {image: a, depends_on: {service1: {condition: service_started}}}
                """);
    }

    @ParameterizedTest
    @ValueSource(strings = {"driver: foobar", "driver_opts: {beep: boop}", "labels: {beep: boop}"})
    void behaviour75_externalVolumeCannotCarryCreateOptions(String option) {
        String key = option.substring(0, option.indexOf(':'));
        assertOnly("volumes.external_volume: conflicting parameters \"external\" and \"" + key + "\" specified", """
                services: {}
                volumes:
                  external_volume:
                    external: true
                    %s
                """.formatted(option));
    }

    @Test
    void behaviour75_externalVolumeMayHaveNameAndExtensions() {
        assertValid("""
                services: {}
                volumes:
                  ext:
                    external: true
                    name: real
                    x-note: fine
                """);
    }

    @Test
    void behaviour75_nameAndLegacyExternalNameConflict() {
        assertOnly("volumes.external_volume: name and external.name conflict; only use name", """
                services: {}
                volumes:
                  external_volume:
                    name: user_specified_name
                    external:
                      name: external_name
                """);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sync", "sync+restart", "sync+exec"})
    void behaviour96_watchTargetRequiredForSyncingActions(String action) {
        assertOnly("services.myservice.develop.watch: target is required for non-rebuild actions", """
                services:
                  myservice:
                    image: scratch
                    develop:
                      watch:
                        - {path: /app, action: "%s"}
                """.formatted(action));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rebuild", "restart"})
    void behaviour96_watchWithoutTargetIsFineWhenNothingIsSynced(String action) {
        assertValid("""
                services:
                  myservice:
                    image: scratch
                    develop:
                      watch:
                        - {path: /app, action: "%s"}
                        - {path: /src, action: sync, target: /container/src}
                """.formatted(action));
    }

    @Test
    void watchPathCannotBeBlank() {
        assertOnly("services.web.develop.watch[0].path: value can't be blank", """
                services:
                  web:
                    image: scratch
                    develop:
                      watch:
                        - {path: "", action: rebuild}
                """);
    }

    @Test
    void healthcheckTestMustStartWithAKind() {
        assertOnly("services.web.healthcheck.test: healthcheck.test must start either by \"CMD\", \"CMD-SHELL\" or \"NONE\"", """
                services:
                  web:
                    image: scratch
                    healthcheck: {test: [curl, localhost]}
                """);
    }

    @Test
    void behaviour162_startIntervalWithoutStartPeriodIsNotALoadError() {
        assertValid("""
                services:
                  web:
                    image: scratch
                    healthcheck: {test: [CMD, "true"], start_interval: 1s}
                """);
    }

    @Test
    void buildChecks() {
        List<ComposeError> errors = check("""
                services:
                  web:
                    platform: linux/riscv64
                    build:
                      context: .
                      dockerfile: Dockerfile
                      dockerfile_inline: FROM scratch
                      platforms: [linux/amd64, linux/arm64]
                """);
        assertEquals(List.of(
                "services.web.build: service \"web\" declares mutually exclusive dockerfile and dockerfile_inline",
                "services.web.build.platforms: service.build.platforms MUST include service.platform \"linux/riscv64\""),
                errors.stream().map(ComposeError::toString).toList());
    }

    @Test
    void limitsSetTwiceMustAgree() {
        assertOnly("services.web: can't set distinct values on 'mem_limit' and 'deploy.resources.limits.memory'", """
                services:
                  web:
                    image: scratch
                    cpus: 0.5
                    mem_limit: 1024
                    deploy:
                      resources:
                        limits: {cpus: 0.5, memory: "2048"}
                """);
    }

    @Test
    void portNumbersAndRanges() {
        List<ComposeError> errors = check("""
                services:
                  web:
                    image: scratch
                    ports:
                      - {target: 80, published: "8080", protocol: tcp, mode: ingress}
                      - {target: 80, published: "8000-8010", protocol: tcp, mode: ingress}
                      - {target: 70000, protocol: tcp, mode: ingress}
                      - {target: 80, published: "90-80", protocol: tcp, mode: ingress}
                      - {target: "80-82", published: "8080-8081", protocol: tcp, mode: ingress}
                      - {target: 80, host_ip: 127.0.1, protocol: tcp, mode: ingress}
                      - {target: 81, host_ip: "::1", protocol: tcp, mode: ingress}
                """);
        List<String> text = errors.stream().map(ComposeError::toString).toList();
        assertEquals(4, text.size(), text.toString());
        assertTrue(text.get(0).startsWith("services.web.ports[2].target: Invalid containerPort: 70000"), text.get(0));
        assertTrue(text.get(1).startsWith("services.web.ports[3].published: Invalid hostPort: 90-80"), text.get(1));
        assertTrue(text.get(2).startsWith("services.web.ports[4]: Invalid ranges specified for container and host Ports: 80-82 and 8080-8081"), text.get(2));
        assertEquals("services.web.ports[5].host_ip: invalid ip address: 127.0.1", text.get(3));
    }

    @Test
    void deviceRequestCountAndIdsAreExclusive() {
        assertOnly("services.web.gpus[0]: \"count\" and \"device_ids\" attributes are exclusive", """
                services:
                  web:
                    image: scratch
                    gpus:
                      - {driver: nvidia, count: 1, device_ids: ["0"]}
                """);
    }

    @Test
    void configNeedsExactlyOneSource() {
        List<ComposeError> errors = check("""
                services: {}
                configs:
                  none: {}
                  both: {file: ./a, content: b}
                  ext: {external: true}
                  driven: {driver: vault}
                """);
        assertEquals(List.of("configs.none: one of file|environment|content must be set",
                        "configs.both: file|environment|content attributes are mutually exclusive"),
                errors.stream().map(ComposeError::toString).toList());
    }

    @Test
    void everyErrorIsReportedNotJustTheFirst() {
        List<ComposeError> errors = check("""
                services:
                  a: {}
                  b:
                    image: x
                    depends_on: {ghost: {condition: service_started}}
                    volumes: [{type: volume, source: nope, target: /data}]
                secrets:
                  s: {}
                """);
        assertEquals(4, errors.size(), errors.toString());
    }
}
