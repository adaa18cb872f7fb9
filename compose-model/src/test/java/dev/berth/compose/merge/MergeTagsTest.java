package dev.berth.compose.merge;

import static dev.berth.compose.merge.MergeFixtures.assertLoads;
import static dev.berth.compose.merge.MergeFixtures.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.berth.compose.tree.OverrideTag;
import dev.berth.compose.tree.ResetTag;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MergeTagsTest {

    @Test
    void b141_resetRemovesAnAttributeAndAnEnvironmentKey() {
        assertLoads("""
                name: test
                services:
                  foo: {image: foo, environment: []}
                """, """
                name: test
                services:
                  foo:
                    build: {context: ., dockerfile: foo.Dockerfile}
                    environment: {FOO: BAR}
                """, """
                services:
                  foo:
                    image: foo
                    build: !reset
                    environment:
                      FOO: !reset
                """);
    }

    @Test
    void b141_resetOfAKeyRemovesItEvenAfterEarlierFilesTurnedTheMappingIntoAList() {
        assertLoads("""
                services:
                  foo:
                    image: foo
                    environment: [KEEP=ME]
                    labels: [com.example.extra=bar]
                """, """
                services:
                  foo:
                    image: foo
                    environment: {FOO: BAR, KEEP: ME}
                    labels: {com.example.foo: bar}
                """, """
                services:
                  foo:
                    environment: [ANOTHER=BAR, PASSTHROUGH]
                    labels: {com.example.extra: bar}
                """, """
                services:
                  foo:
                    environment:
                      FOO: !reset
                      ANOTHER: !reset
                      PASSTHROUGH: !reset
                    labels:
                      com.example.foo: !reset
                """);
    }

    @Test
    void b141_resetRemovesATopLevelNetwork() {
        assertLoads("name: test-reset\nnetworks: {}\n", """
                name: test-reset
                networks:
                  test: {name: test, external: true}
                """, """
                networks:
                  test: !reset {}
                """);
    }

    @Test
    void b141_resetThroughAnAliasReachesEveryServiceUsingIt() {
        assertLoads("""
                x-no-ports: {}
                services:
                  a: {image: a}
                  b: {image: b}
                """, """
                services:
                  a: {image: a, ports: ["8080:80"]}
                  b: {image: b, ports: ["8081:80"]}
                """, """
                x-no-ports: &no-ports
                  ports: !reset []
                services:
                  a:
                    <<: *no-ports
                  b: *no-ports
                """);
    }

    @Test
    void b141_resetThroughTwoLevelsOfAliases() {
        assertLoads("""
                x-one: {}
                x-two: {}
                services:
                  a: {image: a}
                  b: {image: b}
                """, """
                services:
                  a: {image: a, ports: ["8080:80"]}
                  b: {image: b, ports: ["8081:80"]}
                """, """
                x-one: &one
                  ports: !reset []
                x-two: &two
                  <<: *one
                services:
                  a: *two
                  b:
                    <<: *two
                """);
    }

    @Test
    void b141_resetInTheFirstDocumentJustRemovesTheKey() {
        assertLoads("services: {a: {image: a}}", "services: {a: {image: a, command: !reset echo}}");
    }

    @Test
    void b141_extendingServiceResetsTheVolumesOfItsBase() {
        Map<String, Object> base = yaml("image: base\nvolumes: [/data, /cache]\n");
        Map<String, Object> own = yaml("volumes: !reset []\n");
        Object merged = Merger.resolveTags(Merger.mergeService(base, own));
        assertEquals(yaml("image: base\n"), merged);
    }

    @Test
    void b141_resetInTheExtendedServiceLeavesNoCommand() {
        Map<String, Object> base = yaml("image: base\ncommand: !reset\n");
        Map<String, Object> own = yaml("image: own\n");
        assertEquals(yaml("image: own\n"), Merger.resolveTags(Merger.mergeService(base, own)));
    }

    @Test
    void b142_overrideReplacesANetworkInsteadOfMergingIt() {
        Map<String, Object> loaded = MergeFixtures.load("""
                name: test-override
                networks:
                  test: {name: test, external: true}
                """, """
                networks:
                  test: !override {}
                """);
        assertEquals(Map.of(), ((Map<?, ?>) loaded.get("networks")).get("test"));
    }

    @Test
    void b142_overrideReplacesAListAlsoWhenCopiedByAMergeKey() {
        assertLoads("""
                x-app: {configs: [{source: new, target: /new}]}
                services:
                  a: {image: a, configs: [{source: new, target: /new}]}
                  b: {image: b, configs: [{source: new, target: /new}]}
                """, """
                services:
                  a: {image: a, configs: [{source: old, target: /old}]}
                  b: {image: b, configs: [{source: old, target: /old}]}
                """, """
                x-app: &app
                  configs: !override
                    - source: new
                      target: /new
                services:
                  a:
                    <<: *app
                  b:
                    <<: *app
                """);
    }

    @Test
    void b142_extendingServiceReplacesItsBaseDependencies() {
        Map<String, Object> base = yaml("image: base\ndepends_on: [service_b, service_c]\n");
        Map<String, Object> own = yaml("depends_on: !override [service_a]\n");
        assertEquals(yaml("image: base\ndepends_on: [service_a]\n"),
                Merger.resolveTags(Merger.mergeService(base, own)));
    }

    @Test
    void b143_overrideInTheMiddleOfAnExtendsChainDoesNotSwallowLaterAdditions() {
        Map<String, Object> base = yaml("volumes: [/foo:/foo]\nnetworks: [foo]\n");
        Map<String, Object> middle = Merger.mergeService(base, yaml("""
                volumes: !override [/bar:/bar]
                networks: !override [bar]
                """));
        Map<String, Object> top = Merger.mergeService(middle, yaml("""
                image: test
                volumes: [/zot:/zot]
                networks: !override [zot]
                """));
        Map<String, Object> document = Unicity.enforce(Merger.merge(Map.of(), Map.of("services", Map.of("test", top))));
        assertEquals(yaml("""
                services:
                  test:
                    image: test
                    volumes: [/bar:/bar, /zot:/zot]
                    networks: [zot]
                """), Merger.resolveTags(document));
    }

    @Test
    void b143_selfExtendsChainKeepsOverriddenDependencyAndAddsNewOne() {
        Map<String, Object> mainOne = yaml("image: one\ndepends_on: [depend_one]\n");
        Map<String, Object> mainTwo = Merger.mergeService(mainOne, yaml("depends_on: !override [depend_two]\n"));
        Map<String, Object> main = Merger.mergeService(mainTwo, yaml("depends_on: [depend_base]\n"));
        assertEquals(yaml("""
                image: one
                depends_on:
                  depend_two: {condition: service_started, required: true}
                  depend_base: {condition: service_started, required: true}
                """), Merger.resolveTags(main));
    }

    @Test
    void mergeServiceKeepsTheExtendingServicesOwnTagsForTheFileLevelMerge() {
        Map<String, Object> extended = Merger.mergeService(yaml("image: base\nvolumes: [/b:/b]\n"),
                yaml("volumes: !override [/own:/own]\nports: !reset []\n"));
        assertEquals(new OverrideTag(List.of("/own:/own")), extended.get("volumes"));
        assertEquals(ResetTag.INSTANCE, extended.get("ports"));

        // compose-go applies a file's tags to the files merged before it as well
        Map<String, Object> earlierFile = yaml("""
                services:
                  web: {image: web, volumes: [/old:/old], ports: ["80:80"]}
                """);
        Map<String, Object> merged = Merger.merge(earlierFile, Map.of("services", Map.of("web", extended)));
        assertEquals(yaml("""
                services:
                  web: {image: base, volumes: [/own:/own]}
                """), merged);
    }

    @Test
    void tagsInTheBaseDocumentReadAsTheirMeaning() {
        Map<String, Object> base = yaml("""
                services:
                  web:
                    image: web
                    command: !reset
                    volumes: !override [/a:/a]
                """);
        Map<String, Object> merged = Merger.merge(base, yaml("services: {web: {volumes: [/b:/b]}}"));
        assertEquals(yaml("services: {web: {image: web, volumes: [/a:/a, /b:/b]}}"), merged);
    }

    @Test
    void resolveTagsRemovesResetListItemsAndUnwrapsOverrides() {
        Object tree = yaml("""
                a: [one, !reset two, three]
                b: !override {c: !reset x, d: 1}
                e: !reset
                """);
        assertEquals(yaml("a: [one, three]\nb: {d: 1}\n"), Merger.resolveTags(tree));
    }

    @Test
    void aliasedMapsAreNotModifiedWhenOneUseIsOverridden() {
        Map<String, Object> base = yaml("""
                x-env: &env {A: "1"}
                services:
                  a: {environment: *env}
                  b: {environment: *env}
                """);
        Map<String, Object> before = MergeFixtures.yaml("""
                x-env: {A: "1"}
                services:
                  a: {environment: {A: "1"}}
                  b: {environment: {A: "1"}}
                """);
        Map<String, Object> merged = Merger.merge(base, yaml("services: {a: {environment: {B: '2'}}}"));
        assertEquals(before, base);
        assertEquals(yaml("services: {a: {environment: [A=1, B=2]}, b: {environment: {A: '1'}}}").get("services"),
                merged.get("services"));
        assertFalse(merged.get("services") == base.get("services"));
    }
}
