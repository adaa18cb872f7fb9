package dev.berth.compose.merge;

import static dev.berth.compose.merge.MergeFixtures.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.compose.ComposeException;
import dev.berth.compose.tree.KeyPath;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnicityTest {

    @Test
    void listsOutsideTheTableKeepTheirRepeats() {
        Map<String, Object> document = yaml("""
                services:
                  test:
                    command: [echo, echo, echo]
                    entrypoint: [sh, sh]
                x-list: [a, a]
                """);
        assertEquals(document, Unicity.enforce(document));
    }

    @Test
    void theInputIsNotModified() {
        Map<String, Object> document = yaml("services: {test: {environment: [A=1, A=2]}}");
        Map<String, Object> copy = yaml("services: {test: {environment: [A=1, A=2]}}");
        Map<String, Object> unique = Unicity.enforce(document);
        assertEquals(copy, document);
        assertEquals(yaml("services: {test: {environment: [A=2]}}"), unique);
    }

    @Test
    void volumeTargetsIgnoreColonsInsideVariablesAndAfterADriveLetter() {
        assertEquals(yaml("""
                services:
                  test:
                    volumes: ['${SRC:-/x:y}:/data:ro', 'C:\\\\src:/win']
                """), Unicity.enforce(yaml("""
                services:
                  test:
                    volumes: [/data, 'c:\\\\old:/win', '${SRC:-/x:y}:/data:ro', 'C:\\\\src:/win']
                """)));
    }

    @Test
    void aMalformedVolumeIsReportedWithItsPlace() {
        ComposeException e = assertThrows(ComposeException.class,
                () -> Unicity.enforce(yaml("services: {test: {volumes: [/a:/a, '/foo:/foo:ro:foo']}}")));
        assertEquals(KeyPath.parse("services.test.volumes[1]"), e.errors().getFirst().path());
        assertEquals("invalid spec: /foo:/foo:ro:foo: too many colons", e.errors().getFirst().message());
        ComposeException empty = assertThrows(ComposeException.class,
                () -> Unicity.enforce(yaml("services: {test: {volumes: ['/foo::ro']}}")));
        assertEquals("invalid spec: /foo::ro: empty section between colons", empty.errors().getFirst().message());
    }

    @Test
    void aLongVolumeWithoutTargetIsAnError() {
        ComposeException e = assertThrows(ComposeException.class,
                () -> Unicity.enforce(yaml("services: {test: {volumes: [{type: bind, source: ./a}]}}")));
        assertEquals(KeyPath.parse("services.test.volumes[0]"), e.errors().getFirst().path());
    }

    @Test
    void keyValueListsOnlyHoldStrings() {
        ComposeException e = assertThrows(ComposeException.class,
                () -> Unicity.enforce(yaml("services: {test: {cap_add: [NET_ADMIN, 1]}}")));
        assertEquals(KeyPath.parse("services.test.cap_add[1]"), e.errors().getFirst().path());
        assertEquals("expected a string, got int", e.errors().getFirst().message());
    }

    @Test
    void longAndShortSecretsPointingAtTheSameFileAreOne() {
        assertEquals(yaml("""
                services:
                  test:
                    secrets: [{source: other, target: /run/secrets/db}, {source: api}]
                    configs: [{source: cfg, target: /cfg}]
                """), Unicity.enforce(yaml("""
                services:
                  test:
                    secrets: [db, api, {source: other, target: /run/secrets/db}, {source: api}]
                    configs: [cfg, {source: cfg, target: /cfg}]
                """)));
    }

    @Test
    void longPortsCompareTheirPublishedPortAsText() {
        assertEquals(yaml("services: {test: {ports: [{target: 80, published: '8080', mode: host}]}}"),
                Unicity.enforce(yaml("""
                        services:
                          test:
                            ports: [{target: 80, published: 8080}, {target: 80, published: '8080', mode: host}]
                        """)));
    }

    @Test
    void networkAliasesAndLabelsAreUnique() {
        assertEquals(yaml("""
                services:
                  test:
                    networks:
                      front: {aliases: [a, b]}
                    links: [db, cache]
                networks:
                  front: {labels: [team=b]}
                """), Unicity.enforce(yaml("""
                services:
                  test:
                    networks:
                      front: {aliases: [a, b, a]}
                    links: [db, cache, db]
                networks:
                  front: {labels: [team=a, team=b]}
                """)));
    }
}
