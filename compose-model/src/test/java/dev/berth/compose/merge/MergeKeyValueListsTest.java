package dev.berth.compose.merge;

import static dev.berth.compose.merge.MergeFixtures.assertLoads;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MergeKeyValueListsTest {

    @Test
    void b129_environmentListsAreAppended() {
        assertLoads("""
                services:
                  test:
                    environment: [FOO=BAR, QIX=ZOT, EMPTY=, NIL]
                """, """
                services:
                  test:
                    environment: [FOO=BAR]
                """, """
                services:
                  test:
                    environment: [QIX=ZOT, EMPTY=, NIL]
                """);
    }

    @Test
    void b129_environmentMappingsBecomeSortedListsThenAppend() {
        assertLoads("""
                services:
                  test:
                    environment: [FOO=BAR, EMPTY=, NIL, QIX=ZOT]
                """, """
                services:
                  test:
                    environment: {FOO: BAR}
                """, """
                services:
                  test:
                    environment: {QIX: ZOT, NIL: null, EMPTY: ""}
                """);
    }

    @Test
    void b129_sameKeyLaterValueWins() {
        assertLoads("services: {test: {environment: [FOO=3]}}",
                "services: {test: {environment: {FOO: 1}}}", "services: {test: {environment: {FOO: 3}}}");
    }

    @Test
    void b129_mappingOverListKeepsTheFirstPositionOfARedefinedKey() {
        assertLoads("""
                services:
                  test:
                    environment: [A=override, B=base, C=new]
                """, """
                services:
                  test:
                    environment: [A=base, B=base]
                """, """
                services:
                  test:
                    environment: {C: new, A: override}
                """);
    }

    @Test
    void b129_aSingleFileRedefiningAKeyKeepsTheLastValueAtTheFirstPosition() {
        assertLoads("""
                services:
                  test:
                    environment: [FOO=ZOT, BAR=QIX, QIX, ZOT=]
                """, """
                services:
                  test:
                    environment: [FOO=BAR, BAR=QIX, QIX=, ZOT, FOO=ZOT, QIX, ZOT=]
                """);
    }

    @ParameterizedTest
    @ValueSource(strings = {"labels", "annotations", "sysctls"})
    void b129_otherKeyValueAttributesMergeLikeEnvironment(String attribute) {
        assertLoads("services: {test: {" + attribute + ": [a.b=2, c.d=1, e.f=3]}}",
                "services: {test: {" + attribute + ": {a.b: 1, c.d: 1}}}",
                "services: {test: {" + attribute + ": [e.f=3, a.b=2]}}");
    }

    @Test
    void b129_buildArgsMergeLikeEnvironment() {
        assertLoads("""
                services:
                  test:
                    build: {context: ., args: [BAR=1, FOO=2, NEW]}
                """, """
                services:
                  test:
                    build: {context: ., args: {FOO: 1, BAR: 1}}
                """, """
                services:
                  test:
                    build: {args: [FOO=2, NEW]}
                """);
    }

    @Test
    void b129_dnsAndTmpfsAcceptAStringAndDropRepeats() {
        assertLoads("""
                services:
                  test:
                    dns: [8.8.8.8, 9.9.9.9]
                    dns_search: [example.com, example.org]
                    tmpfs: [/run, /tmp]
                """, """
                services:
                  test:
                    dns: 8.8.8.8
                    dns_search: example.com
                    tmpfs: /run
                """, """
                services:
                  test:
                    dns: [9.9.9.9, 8.8.8.8]
                    dns_search: [example.org]
                    tmpfs: /tmp
                """);
    }

    @Test
    void b130_envFilesAreAppended() {
        assertLoads("services: {test: {env_file: [foo.env, bar.env, baz.env]}}",
                "services: {test: {env_file: [foo.env]}}", "services: {test: {env_file: [bar.env, baz.env]}}");
    }

    @Test
    void b130_aRepeatedEnvFileStaysAtItsFirstPosition() {
        assertLoads("services: {test: {env_file: [foo.env, bar.env]}}",
                "services: {test: {env_file: foo.env}}", "services: {test: {env_file: [bar.env, foo.env]}}");
    }

    @Test
    void b130_envFileIdentityIsItsPathInEitherSyntax() {
        assertLoads("""
                services:
                  test:
                    env_file: [bar.env, {path: foo.env, required: true}]
                """, """
                services:
                  test:
                    env_file: [bar.env, foo.env]
                """, """
                services:
                  test:
                    env_file: [{path: foo.env, required: true}]
                """);
    }

    @Test
    void b134_capabilitiesAreUnited() {
        assertLoads("""
                services:
                  test:
                    cap_add: [CAP_BPF, CAP_CHOWN, CAP_KILL]
                    cap_drop: [NET_ADMIN, SYS_ADMIN]
                """, """
                services:
                  test:
                    cap_add: [CAP_BPF, CAP_CHOWN]
                    cap_drop: [NET_ADMIN]
                """, """
                services:
                  test:
                    cap_add: [CAP_KILL, CAP_CHOWN]
                    cap_drop: [SYS_ADMIN, NET_ADMIN]
                """);
    }

    @Test
    void b134_profilesAreUnited() {
        assertLoads("services: {test: {profiles: [p1, p2, p3]}}",
                "services: {test: {profiles: [p1, p2]}}", "services: {test: {profiles: [p2, p3]}}");
    }

    @Test
    void b134_extraHostsDropOnlyIdenticalEntries() {
        assertLoads("""
                services:
                  test:
                    extra_hosts: [example.com=1.2.3.4, localhost=127.0.0.1, example.com=4.3.2.1]
                """, """
                services:
                  test:
                    extra_hosts: [example.com=1.2.3.4]
                """, """
                services:
                  test:
                    extra_hosts: [localhost=127.0.0.1, example.com=1.2.3.4, example.com=4.3.2.1]
                """);
    }

    @Test
    void b134_extraHostsMappingWithSeveralAddressesGivesOneEntryEach() {
        assertLoads("""
                services:
                  test:
                    extra_hosts: ["alpha:50.31.209.229", alpha=50.31.209.229, zulu=127.0.0.2, zulu=ff02::1]
                """, """
                services:
                  test:
                    extra_hosts: ["alpha:50.31.209.229"]
                """, """
                services:
                  test:
                    extra_hosts: {zulu: [127.0.0.2, "ff02::1"], alpha: 50.31.209.229}
                """);
    }
}
