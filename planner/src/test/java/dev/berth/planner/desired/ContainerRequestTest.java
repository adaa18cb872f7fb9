package dev.berth.planner.desired;

import dev.berth.planner.engine.ComposeLabels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.api.CreateRequest;
import dev.berth.engine.container.HostConfig;
import dev.berth.engine.container.Mount;
import dev.berth.engine.container.NetworkEndpointConfig;
import dev.berth.engine.container.PortBinding;
import dev.berth.engine.container.RestartPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every honoured service key, as it lands in the engine's create request. */
class ContainerRequestTest {

    private static final String FILE = """
            name: demo
            services:
              api:
                image: busybox
                command: sleep 100
                entrypoint: ["/bin/sh", "-c"]
                environment:
                  A: "1"
                  UNSET:
                env_file: ./x.env
                working_dir: /srv
                user: "1000:1000"
                hostname: h
                domainname: example.org
                container_name: theapi
                labels: [a=b, com.docker.compose.project=spoofed]
                networks:
                  front:
                    aliases: [x]
                    ipv4_address: 172.30.0.5
                    priority: 10
                  back: {}
                ports: ["127.0.0.1:8080:80", "9000:9000/udp", "53"]
                expose: ["3000"]
                volumes:
                  - data:/data
                  - ./src:/src:ro
                  - /anon
                  - type: tmpfs
                    target: /scratch
                    tmpfs: {size: 1m, mode: 0700}
                  - type: bind
                    source: ./nope
                    target: /nope
                    bind: {create_host_path: false}
                  - type: bind
                    source: ./shared
                    target: /shared
                    bind: {propagation: rshared}
                  - type: volume
                    source: data
                    target: /sub
                    volume: {nocopy: true, subpath: a/b}
                tmpfs: [/run, "/x:size=1m"]
                read_only: true
                restart: on-failure:3
                deploy:
                  resources:
                    limits: {cpus: "1.5", memory: 1g, pids: 100}
                mem_limit: 1g
                memswap_limit: 2g
                cpus: 1.5
                cpu_shares: 512
                cpuset: "0,1"
                pids_limit: 100
                ulimits: {nproc: 65535, nofile: {soft: 20000, hard: 40000}}
                cap_add: [NET_ADMIN]
                cap_drop: [MKNOD]
                privileged: true
                security_opt: ["no-new-privileges:true", "seccomp:unconfined"]
                sysctls: {net.core.somaxconn: 1024}
                extra_hosts: ["somehost:162.242.195.82"]
                dns: 8.8.8.8
                dns_search: example.com
                dns_opt: [use-vc]
                init: true
                stop_signal: SIGUSR1
                stop_grace_period: 1m30s
                tty: true
                stdin_open: true
                shm_size: 128m
                secrets: [s1, {source: s1, target: custom}, {source: s1, target: /data}]
                configs: [c1, {source: c1, target: /etc/c1.conf}]
            secrets:
              s1: {file: ./s1.txt}
            configs:
              c1: {file: ./c1.txt}
            networks:
              front:
                ipam: {config: [{subnet: 172.30.0.0/16}]}
              back: {}
            volumes:
              data: {}
            """;

    @TempDir
    Path dir;

    private CreateRequest api;

    @BeforeEach
    void load() throws IOException {
        Files.writeString(dir.resolve("x.env"), "FROM_FILE=yes\n");
        Files.writeString(dir.resolve("s1.txt"), "secret");
        Files.writeString(dir.resolve("c1.txt"), "config");
        DesiredState state = Projects.desired(dir, FILE);
        assertEquals(List.of(), state.warnings());
        api = state.services().get("api").containerRequest().apply(1);
    }

    @Test
    void configOfTheProcess() {
        assertEquals("theapi", api.name());
        assertEquals("busybox", api.image());
        assertEquals(List.of("/bin/sh", "-c"), api.entrypoint());
        assertEquals(List.of("sleep", "100"), api.cmd());
        assertEquals(List.of("A=1", "FROM_FILE=yes"), api.env().stream().sorted().toList(), "UNSET has no value: left out");
        assertEquals("/srv", api.workingDir());
        assertEquals("1000:1000", api.user());
        assertEquals("h", api.hostname());
        assertEquals("example.org", api.domainname());
        assertTrue(api.tty());
        assertTrue(api.openStdin());
        assertFalse(api.stdinOnce());
        assertEquals("SIGUSR1", api.stopSignal());
        assertEquals(90, api.stopTimeout());
    }

    @Test
    void serviceLabelsUnderComposeOnes() {
        assertEquals("b", api.labels().get("a"));
        assertEquals("demo", api.labels().get(ComposeLabels.PROJECT), "compose's labels win over the service's");
    }

    @Test
    void networksByPriorityWithComposeAliases() {
        assertEquals("demo_front", api.hostConfig().networkMode());
        assertEquals(List.of("demo_front", "demo_back"), List.copyOf(api.endpoints().keySet()));
        assertEquals(new NetworkEndpointConfig(List.of("theapi", "api", "x"), "172.30.0.5"), api.endpoints().get("demo_front"));
        assertEquals(new NetworkEndpointConfig(List.of("theapi", "api"), ""), api.endpoints().get("demo_back"));
    }

    @Test
    void portsAsPortBindings() {
        assertEquals(List.of(new PortBinding("80/tcp", "127.0.0.1", "8080"), new PortBinding("9000/udp", "", "9000"),
                new PortBinding("53/tcp", "", "")), api.hostConfig().portBindings());
    }

    @Test
    void limits() {
        HostConfig h = api.hostConfig();
        assertEquals(1L << 30, h.memory());
        assertEquals(2L << 30, h.memorySwap());
        assertEquals(1_500_000_000L, h.nanoCpus());
        assertEquals(512, h.cpuShares());
        assertEquals("0,1", h.cpusetCpus());
        assertEquals(100, h.pidsLimit());
        assertEquals(128L << 20, h.shmSize());
        assertEquals(List.of(new HostConfig.Ulimit("nofile", 20000, 40000), new HostConfig.Ulimit("nproc", 65535, 65535)),
                h.ulimits().stream().sorted(java.util.Comparator.comparing(HostConfig.Ulimit::name)).toList());
    }

    @Test
    void securityRestartAndDns() {
        HostConfig h = api.hostConfig();
        assertEquals(List.of("NET_ADMIN"), h.capAdd());
        assertEquals(List.of("MKNOD"), h.capDrop());
        assertTrue(h.privileged());
        assertEquals(List.of("no-new-privileges=true", "seccomp=unconfined"), h.securityOpt());
        assertTrue(h.noNewPrivileges());
        assertTrue(h.readonlyRootfs());
        assertTrue(h.init());
        assertFalse(h.autoRemove());
        assertEquals(new RestartPolicy("on-failure", 3), h.restartPolicy());
        assertEquals(List.of("8.8.8.8"), h.dns());
        assertEquals(List.of("example.com"), h.dnsSearch());
        assertEquals(List.of("use-vc"), h.dnsOptions());
        assertEquals(List.of("somehost:162.242.195.82"), h.extraHosts());
        assertEquals(Map.of("net.core.somaxconn", "1024"), h.sysctls());
    }

    @Test
    void volumesAsBindsAndMounts() {
        HostConfig h = api.hostConfig();
        assertEquals(List.of(dir.resolve("src") + ":/src:ro"), h.binds(), "a plain bind: -v's rule, the host path is created");
        assertEquals(Map.of("/run", "", "/x", "size=1m"), h.tmpfs());
        List<Mount> m = h.mounts();
        assertEquals(Mount.volume("demo_data", "/data", false), m.get(0));
        assertEquals(Mount.volume("", "/anon", false), m.get(1), "anonymous");
        assertEquals(Mount.tmpfs("/scratch", 1 << 20, 0700), m.get(2));
        assertEquals(new Mount(Mount.BIND, dir.resolve("nope").toString(), "/nope", false, new Mount.BindOptions("", false), null, null),
                m.get(3), "create_host_path: false needs the mount API");
        assertEquals(new Mount(Mount.BIND, dir.resolve("shared").toString(), "/shared", false, new Mount.BindOptions("rshared", true), null, null),
                m.get(4));
        assertEquals(new Mount(Mount.VOLUME, "demo_data", "/sub", false, null, new Mount.VolumeOptions(true, Map.of(), null, "a/b"), null),
                m.get(5));
    }

    @Test
    void fileSecretsAndConfigsAsReadOnlyBinds() {
        List<Mount> files = api.hostConfig().mounts().subList(6, api.hostConfig().mounts().size());
        String s1 = dir.resolve("s1.txt").toString();
        String c1 = dir.resolve("c1.txt").toString();
        Mount.BindOptions noCreate = new Mount.BindOptions("", false);
        assertEquals(List.of(
                new Mount(Mount.BIND, s1, "/run/secrets/s1", true, noCreate, null, null),
                new Mount(Mount.BIND, s1, "/run/secrets/custom", true, noCreate, null, null),
                // the secret at /data is dropped: the volume there wins, as in compose
                new Mount(Mount.BIND, c1, "/c1", true, noCreate, null, null),
                new Mount(Mount.BIND, c1, "/etc/c1.conf", true, noCreate, null, null)), files);
    }

    @Test
    void eachReplicaItsOwnNameAndNumber(@TempDir Path other) {
        DesiredState s = Projects.desired(other, """
                services:
                  web:
                    image: busybox
                    scale: 2
                """);
        CreateRequest second = s.services().get("web").containerRequest().apply(2);
        String project = other.getFileName().toString().toLowerCase();
        assertEquals(project + "-web-2", second.name());
        assertEquals("2", second.labels().get(ComposeLabels.CONTAINER_NUMBER));
        assertEquals(List.of(project + "-web-2", "web"), second.aliasesOn(project + "_default"));
        assertNull(second.cmd(), "the image's command");
        assertEquals(RestartPolicy.NO, second.hostConfig().restartPolicy());
    }

    @Test
    void bindsAndExtraHostsReadByTheEngineAsMeant() {
        var bind = dev.berth.engine.runtime.BindSpec.parse(api.hostConfig().binds().getFirst());
        assertEquals(dir.resolve("src").toString(), bind.source());
        assertEquals("/src", bind.target());
        assertTrue(bind.readOnly());
        var host = dev.berth.engine.network.HostsFile.ExtraHost.parse(api.hostConfig().extraHosts().getFirst());
        assertEquals(new dev.berth.engine.network.HostsFile.ExtraHost("somehost", "162.242.195.82"), host);
        assertTrue(api.hostConfig().capabilities().contains(dev.berth.engine.container.Capability.NET_ADMIN));
    }
}
