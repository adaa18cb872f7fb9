package dev.berth.compose.merge;

import static dev.berth.compose.merge.MergeFixtures.assertLoads;

import org.junit.jupiter.api.Test;

class MergeNetworksTest {

    @Test
    void b135_networkListsMergeAsMappings() {
        assertLoads("""
                services:
                  test:
                    image: foo
                    networks: {front-network: null, back-network: null}
                """, """
                services:
                  test:
                    image: foo
                    networks: [front-network, back-network]
                """, """
                services:
                  test:
                    networks: [front-network]
                """);
    }

    @Test
    void b135_listThenMappingKeepsEveryNetwork() {
        assertLoads("""
                services:
                  test:
                    networks:
                      front: null
                      back: null
                      net1: {aliases: [alias1]}
                      net2: {ipv4_address: 172.16.0.2}
                """, """
                services:
                  test:
                    networks: [front, back, net1]
                """, """
                services:
                  test:
                    networks:
                      net1: {aliases: [alias1]}
                      net2: {ipv4_address: 172.16.0.2}
                """);
    }

    @Test
    void b135_aliasesAndLinkLocalAddressesAreUnited() {
        assertLoads("""
                services:
                  test:
                    networks:
                      network1:
                        aliases: [alias1, alias2, alias3]
                        link_local_ips: [57.123.22.11, 57.123.22.13, 57.123.22.12]
                      network2:
                        aliases: [alias1, alias3]
                """, """
                services:
                  test:
                    networks:
                      network1:
                        aliases: [alias1, alias2]
                        link_local_ips: [57.123.22.11, 57.123.22.13]
                      network2:
                        aliases: [alias1, alias3]
                """, """
                services:
                  test:
                    networks:
                      network1:
                        aliases: [alias3, alias1]
                        link_local_ips: [57.123.22.12, 57.123.22.13]
                """);
    }

    @Test
    void b135_aliasesAddedToANetworkFirstListedByName() {
        assertLoads("""
                services:
                  test:
                    image: test
                    networks:
                      test_network: {aliases: [alias1, alias2]}
                networks:
                  test_network: {}
                """, """
                services:
                  test: {image: test, networks: [test_network]}
                networks:
                  test_network: {}
                """, """
                services:
                  test:
                    image: test
                    networks:
                      test_network: {aliases: [alias1, alias2]}
                """);
    }

    @Test
    void b136_ipamPoolsMergeBySubnetAndLabelsBecomeAList() {
        assertLoads("""
                networks:
                  network1:
                    ipam:
                      config:
                        - subnet: 172.28.0.0/16
                          ip_range: 172.28.5.1/24
                          gateway: 172.28.5.254
                          aux_addresses: {host1: 172.28.1.5, host2: 172.28.1.4, host3: 172.28.1.7, host4: 172.28.1.10}
                        - subnet: 172.29.0.0/16
                          gateway: 172.29.0.254
                      options: {foo: bar, baz: "0", bar: foo}
                    labels:
                      - com.example.department=Finance
                      - com.example.description=Financial transaction network
                      - com.example.label-with-empty-value=
                      - com.example.department-new=New
                """, """
                networks:
                  network1:
                    ipam:
                      config:
                        - subnet: 172.28.0.0/16
                          ip_range: 172.28.5.0/24
                          gateway: 172.28.5.254
                          aux_addresses: {host1: 172.28.1.5, host2: 172.28.1.6, host3: 172.28.1.7}
                      options: {foo: bar, baz: "0"}
                    labels:
                      com.example.description: Financial transaction network
                      com.example.department: Finance
                      com.example.label-with-empty-value: ""
                """, """
                networks:
                  network1:
                    ipam:
                      config:
                        - subnet: 172.28.0.0/16
                          ip_range: 172.28.5.1/24
                          aux_addresses: {host2: 172.28.1.4, host4: 172.28.1.10}
                        - subnet: 172.29.0.0/16
                          gateway: 172.29.0.254
                      options: {bar: foo}
                    labels: [com.example.department-new=New, com.example.department=Finance]
                """);
    }

    @Test
    void b136_basePoolsTheOverrideDoesNotMentionAreKept() {
        // compose-go's loop drops them (a bug); behaviour 136 says new subnets are appended
        assertLoads("""
                networks:
                  n:
                    ipam:
                      config: [{subnet: 10.0.0.0/24}, {subnet: 10.0.1.0/24}]
                """, """
                networks:
                  n: {ipam: {config: [{subnet: 10.0.0.0/24}]}}
                """, """
                networks:
                  n: {ipam: {config: [{subnet: 10.0.1.0/24}]}}
                """);
    }
}
