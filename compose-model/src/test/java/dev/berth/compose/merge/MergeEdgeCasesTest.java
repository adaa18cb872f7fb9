package dev.berth.compose.merge;

import static dev.berth.compose.merge.MergeFixtures.assertLoads;
import static dev.berth.compose.merge.MergeFixtures.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.compose.ComposeException;
import dev.berth.compose.tree.KeyPath;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Cases from compose-go's override tests that behaviours.md does not list. */
class MergeEdgeCasesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "networks   | runtime: null",
        "models     | runtime: null",
        "depends_on | runtime: {condition: service_started, required: true}"})
    void nullOverrideOfANameListKeepsTheBaseEntries(String attribute, String expected) {
        assertLoads("services: {test: {image: foo, " + attribute + ": {" + expected + "}}}",
                "services: {test: {image: foo, " + attribute + ": [runtime]}}",
                "services: {test: {" + attribute + ": null}}");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "networks   | runtime: null",
        "depends_on | runtime: {condition: service_started, required: true}"})
    void nullBaseOfANameListTakesTheOverrideEntries(String attribute, String expected) {
        assertLoads("services: {test: {image: foo, " + attribute + ": {" + expected + "}}}",
                "services: {test: {image: foo, " + attribute + ": null}}",
                "services: {test: {" + attribute + ": [runtime]}}");
    }

    @Test
    void nullOverrideOfAPlainAttributeKeepsTheBaseValue() {
        assertLoads("services: {test: {image: foo, cap_add: [NET_ADMIN]}}",
                "services: {test: {image: foo, cap_add: [NET_ADMIN]}}",
                "services: {test: {image: null, cap_add: null}}");
    }

    @Test
    void aListCannotBeOverriddenByAMapping() {
        ComposeException e = assertThrows(ComposeException.class, () -> MergeFixtures.load(
                "services: {test: {cap_add: [NET_ADMIN]}}", "services: {test: {cap_add: {NET_ADMIN: true}}}"));
        assertEquals(KeyPath.parse("services.test.cap_add"), e.errors().getFirst().path());
        assertTrue(e.getMessage().contains("cannot override"), e.getMessage());
    }

    @Test
    void mappingValuesAreWrittenAsGoWritesThem() {
        assertLoads("""
                services:
                  test:
                    environment: [A=1, B=true, C=0.5, D=1.5e-07, E=3, F=]
                """, """
                services:
                  test:
                    environment: {A: 1.0, B: true}
                """, """
                services:
                  test:
                    environment: {C: 0.5, D: 0.00000015, E: 3, F: ""}
                """);
    }

    @Test
    void buildExtraHostsAndAdditionalContextsMerge() {
        assertLoads("""
                services:
                  test:
                    build:
                      context: .
                      extra_hosts: [somehost=162.242.195.82, otherhost=50.31.209.229]
                      additional_contexts: [base=docker-image://alpine:3, tools=./tools]
                """, """
                services:
                  test:
                    build:
                      context: .
                      extra_hosts: [somehost=162.242.195.82]
                      additional_contexts: {base: docker-image://alpine, tools: ./tools}
                """, """
                services:
                  test:
                    build:
                      extra_hosts: {somehost: 162.242.195.82, otherhost: 50.31.209.229}
                      additional_contexts: [base=docker-image://alpine:3]
                """);
    }

    @Test
    void singleEnvFilesOnBothSidesBecomeAList() {
        assertLoads("services: {test: {env_file: [a.env, b.env]}}",
                "services: {test: {env_file: a.env}}", "services: {test: {env_file: b.env}}");
    }

    @Test
    void b132_mergeServiceAppliesServiceRulesAndTheDocumentDropsTheRepeatedPort() {
        Map<String, Object> extended = Merger.mergeService(
                yaml("image: base\nenvironment: {A: '1'}\ncommand: [base]\nports: ['80:80']\nbuild: {context: ., target: dev}\n"),
                yaml("environment: [B=2]\ncommand: [own]\nports: ['80:80', '81:81']\nbuild: ./own\n"));
        Map<String, Object> document = Merger.merge(Map.of(), Map.of("services", Map.of("web", extended)));
        assertEquals(yaml("""
                services:
                  web:
                    image: base
                    environment: [A=1, B=2]
                    command: [own]
                    ports: ["80:80", "81:81"]
                    build: {context: ./own, target: dev}
                """), Merger.resolveTags(Unicity.enforce(document)));
    }

    @Test
    void secondMergeOverAMergedResultAddsNothingNew() {
        String base = "services: {test: {environment: {A: '1'}, ports: ['80:80'], volumes: [/a:/a]}}";
        String override = "services: {test: {environment: {A: '2'}, ports: ['80:80'], volumes: [b:/a]}}";
        assertEquals(MergeFixtures.load(base, override), MergeFixtures.load(base, override, override));
    }
}
