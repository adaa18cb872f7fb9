package dev.berth.compose.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.compose.ComposeException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Section E: service attributes in short and long syntax, and their canonical long form. */
class ServiceAttributesTest {

    /** 78: map and list give the same map; a bare list key is null (unset), an empty value is "". */
    @Test
    void b78_environmentMapOrList() {
        String expected = "{FOO=1, BAR=2, GA=2.5, BU=, ZO=null, MEU=null}";
        assertEquals(expected, Docs.service("environment: {FOO: \"1\", BAR: 2, GA: 2.5, BU: \"\", ZO: , MEU: }")
                .get("environment").toString());
        assertEquals(expected, Docs.service("environment: [FOO=1, BAR=2, GA=2.5, BU=, ZO, MEU]")
                .get("environment").toString());
    }

    /** 79: booleans become strings; lists are refused; a key with a trailing space is refused. */
    @Test
    void b79_environmentValueTypes() {
        assertEquals("{FOO=true}", Docs.service("environment: {FOO: true}").get("environment").toString());
        ComposeException list = assertThrows(ComposeException.class, () -> Docs.service("environment: {FOO: [\"1\"]}"));
        assertTrue(list.getMessage().equals("services.s.environment: FOO must be a boolean, null, number or string"),
                list.getMessage());
        ComposeException string = assertThrows(ComposeException.class, () -> Docs.service("environment: \"FOO=1\""));
        assertTrue(string.getMessage().endsWith("must be a mapping"), string.getMessage());
        ComposeException space = assertThrows(ComposeException.class, () -> Docs.service("environment: [\"DEBUG = true\"]"));
        assertTrue(space.getMessage().endsWith("environment variable DEBUG  is declared with a trailing space"),
                space.getMessage());
    }

    /** 80: a bare label is "", unlike environment. */
    @Test
    void b80_labels() {
        String expected = "{a=x, n=42, e=}";
        assertEquals(expected, Docs.service("labels: {a: \"x\", n: 42, e: }").get("labels").toString());
        assertEquals(expected, Docs.service("labels: [\"a=x\", \"n=42\", \"e\"]").get("labels").toString());
        assertEquals("{com.example.foo=bar}", Docs.service("annotations: [com.example.foo=bar]").get("annotations").toString());
        assertEquals("{net.core.somaxconn=1024}", Docs.service("sysctls: [net.core.somaxconn=1024]").get("sysctls").toString());
    }

    /** 81: strings are shell-split, lists kept, an empty list is not unset. */
    @Test
    void b81_commandAndEntrypoint() {
        assertEquals(List.of("bundle", "exec", "thin", "-p", "3000"),
                Docs.service("command: bundle exec thin -p 3000").get("command"));
        assertEquals(List.of("/bin/ash", "-c", "rm -rf /tmp/might-not-exist"),
                Docs.service("command: \"/bin/ash -c \\\"rm -rf /tmp/might-not-exist\\\"\"").get("command"));
        assertEquals(List.of("/code/entrypoint.sh", "-p", "3000"),
                Docs.service("entrypoint: [\"/code/entrypoint.sh\", \"-p\", \"3000\"]").get("entrypoint"));
        Map<String, Object> empty = Docs.service("entrypoint: []");
        assertEquals(List.of(), empty.get("entrypoint"));
        assertFalse(empty.containsKey("command"));
    }

    /** 82 */
    @Test
    void b82_healthcheck() {
        Map<String, Object> s = Docs.service("""
                healthcheck:
                  test: echo "hello world"
                  interval: 10s
                  timeout: 1s
                  retries: 5
                  start_period: 15s
                  start_interval: 5s
                """);
        assertEquals("{test=[CMD-SHELL, echo \"hello world\"], interval=10s, timeout=1s, retries=5, start_period=15s, "
                + "start_interval=5s}", s.get("healthcheck").toString());
    }

    /** 83: durations in Go's spelling. */
    @Test
    void b83_durations() {
        Map<String, Object> s = Docs.service("""
                stop_grace_period: 20s
                deploy:
                  restart_policy: {window: 120s, delay: 90s}
                  update_config: {monitor: 60s, delay: 1h}
                """);
        assertEquals("20s", s.get("stop_grace_period"));
        assertEquals("{window=2m0s, delay=1m30s}", ((Map<?, ?>) s.get("deploy")).get("restart_policy").toString());
        assertEquals("{monitor=1m0s, delay=1h0m0s}", ((Map<?, ?>) s.get("deploy")).get("update_config").toString());
    }

    /** 84: byte sizes as integers. */
    @Test
    void b84_byteSizes() {
        Map<String, Object> s = Docs.service("""
                mem_limit: 512m
                memswap_limit: 1g
                mem_reservation: 640kb
                shm_size: 2gb
                deploy: {resources: {limits: {memory: 50M}}}
                build: {context: ., shm_size: 1024}
                """);
        assertEquals(536870912L, s.get("mem_limit"));
        assertEquals(1073741824L, s.get("memswap_limit"));
        assertEquals(655360L, s.get("mem_reservation"));
        assertEquals(2147483648L, s.get("shm_size"));
        assertEquals("{limits={memory=52428800}}", ((Map<?, ?>) s.get("deploy")).get("resources").toString());
        assertEquals(1024L, ((Map<?, ?>) s.get("build")).get("shm_size"));
        assertEquals(-1L, Docs.service("memswap_limit: -1").get("memswap_limit"));
        assertThrows(ComposeException.class, () -> Docs.service("mem_limit: invalid"));
        assertThrows(ComposeException.class, () -> Docs.service("volumes: [{type: tmpfs, target: /t, tmpfs: {size: 0.0001}}]"));
        assertEquals("[{type=tmpfs, target=/t, tmpfs={size=0}}]",
                Docs.service("volumes: [{type: tmpfs, target: /t, tmpfs: {size: 0}}]").get("volumes").toString());
    }

    /** 85 */
    @Test
    void b85_cpus() {
        Map<String, Object> s = Docs.service("""
                cpus: 1.5
                cpuset: "0,1"
                deploy: {resources: {limits: {cpus: '0.001'}}}
                """);
        assertEquals(1.5, s.get("cpus"));
        assertEquals("0,1", s.get("cpuset"));
        assertEquals("{limits={cpus=0.001}}", ((Map<?, ?>) s.get("deploy")).get("resources").toString());
    }

    /** 86 */
    @Test
    void b86_ulimits() {
        String expected = "{nproc=65535, nofile={soft=20000, hard=40000}}";
        assertEquals(expected, Docs.service("ulimits: {nproc: 65535, nofile: {soft: 20000, hard: 40000}}")
                .get("ulimits").toString());
        assertEquals(expected, ((Map<?, ?>) Docs.service("build: {ulimits: {nproc: 65535, nofile: {soft: 20000, hard: 40000}}}")
                .get("build")).get("ulimits").toString());
    }

    /** 87: list or map; = or : separators; several ips; brackets dropped; host-gateway kept; marshalled as sorted host=ip. */
    @Test
    void b87_extraHosts() {
        assertEquals(List.of("zulu=162.242.195.82"), Docs.service("extra_hosts: {zulu: \"162.242.195.82\"}").get("extra_hosts"));
        assertEquals(List.of("alpha=50.31.209.229", "zulu=127.0.0.2", "zulu=ff02::1"),
                Docs.service("extra_hosts: [\"zulu:127.0.0.2\", \"alpha:50.31.209.229\", \"zulu:ff02::1\"]").get("extra_hosts"));
        assertEquals(List.of("myhost=0.0.0.1", "myhost=0.0.0.2"),
                Docs.service("extra_hosts: [\"myhost=0.0.0.1,0.0.0.2\"]").get("extra_hosts"));
        assertEquals(List.of("a=::1", "b=192.168.0.1", "gw=host-gateway"),
                Docs.service("extra_hosts: [\"a=[::1]\", \"b=[192.168.0.1]\", \"gw=host-gateway\"]").get("extra_hosts"));
        assertEquals(Map.of("h", List.of("1.2.3.4", "5.6.7.8")),
                ExtraHosts.parse(Docs.yaml("x: {h: [1.2.3.4, 5.6.7.8]}").get("x")));
        ComposeException bad = assertThrows(ComposeException.class, () -> Docs.service("extra_hosts: [\"::::1\"]"));
        assertTrue(bad.getMessage().endsWith("bad host name ''"), bad.getMessage());
    }

    /** 88 */
    @Test
    void b88_devices() {
        assertEquals("[{source=/dev/source, target=/dev/target, permissions=permissions}, "
                        + "{source=/dev/single, target=/dev/single, permissions=rwm}, {source=/a, target=/b, permissions=r}]",
                Docs.service("devices: [\"/dev/source:/dev/target:permissions\", /dev/single, "
                        + "{source: /a, target: /b, permissions: r}]").get("devices").toString());
    }

    /** 89: gpus all, a request without count or ids, and a reservation with count all are -1. */
    @Test
    void b89_gpusAndDeviceRequests() {
        assertEquals("[{count=-1}]", Docs.service("gpus: all").get("gpus").toString());
        assertEquals("[{driver=nvidia, count=-1}]", Docs.service("gpus: [{driver: nvidia}]").get("gpus").toString());
        Map<String, Object> s = Docs.service("deploy: {resources: {reservations: {devices: [{capabilities: [gpu], count: all}]}}}");
        assertEquals("{reservations={devices=[{capabilities=[gpu], count=-1}]}}",
                ((Map<?, ?>) s.get("deploy")).get("resources").toString());
        assertThrows(ComposeException.class, () -> Docs.service("gpus: [{count: 1, device_ids: [a]}]"));
    }

    /** 90, 91 */
    @Test
    void b90_b91_exposeAndTmpfs() {
        assertEquals(List.of("3000", "8000"), Docs.service("expose: [\"3000\", 8000]").get("expose"));
        assertEquals(List.of("/run"), Docs.service("tmpfs: /run").get("tmpfs"));
        assertEquals(List.of("8.8.8.8"), Docs.service("dns: 8.8.8.8").get("dns"));
    }

    /** 92: attach is tri-state. */
    @Test
    void b92_attach() {
        assertEquals(true, Docs.service("attach: true").get("attach"));
        assertEquals(false, Docs.service("attach: false").get("attach"));
        assertFalse(Docs.service("image: x").containsKey("attach"));
    }

    /** 93: file references: modes as octal strings, uid/gid strings, a secret's target defaults to /run/secrets/<source>. */
    @Test
    void b93_secretsAndConfigs() {
        Map<String, Object> s = Docs.service("""
                secrets:
                  - super
                  - {source: a, mode: 0440, uid: 103}
                  - {source: b, target: my_secret, mode: 0o440}
                  - {source: c, mode: "0440", gid: '103'}
                configs: [config1, {source: config2, target: /my_config, mode: 0440}]
                """);
        assertEquals("[{source=super, target=/run/secrets/super}, {source=a, mode=0440, uid=103, target=/run/secrets/a}, "
                + "{source=b, target=my_secret, mode=0440}, {source=c, mode=0440, gid=103, target=/run/secrets/c}]",
                s.get("secrets").toString());
        assertEquals("[{source=config1}, {source=config2, target=/my_config, mode=0440}]", s.get("configs").toString());
    }

    /** 94: build short and long syntax. */
    @Test
    void b94_build() {
        assertEquals("{context=.}", Docs.service("build: .").get("build").toString());
        assertEquals("{context=.}", Docs.service("build: {}").get("build").toString());
        Map<?, ?> b = (Map<?, ?>) Docs.service("""
                build:
                  context: ./dir
                  args: [foo=bar, baz]
                  labels: [FOO=BAR]
                  ssh: [default, key1=/path]
                  no_cache_filter: foo
                  sbom: true
                  additional_contexts: [foo=./bar]
                  secrets: [secret1]
                """).get("build");
        assertEquals("{foo=bar, baz=null}", b.get("args").toString());
        assertEquals("{FOO=BAR}", b.get("labels").toString());
        assertEquals(List.of("default", "key1=/path"), b.get("ssh"));
        assertEquals(List.of("foo"), b.get("no_cache_filter"));
        assertEquals("true", b.get("sbom"));
        assertEquals("{foo=./bar}", b.get("additional_contexts").toString());
        assertEquals("[{source=secret1}]", b.get("secrets").toString());
        assertEquals(List.of("key1=value1"),
                ((Map<?, ?>) Docs.service("build: {ssh: {key1: value1}}").get("build")).get("ssh"));
        assertThrows(ComposeException.class, () -> Docs.service("build: {additional_contexts: [foo]}"));
    }

    /** 96: a watch entry with several paths becomes one entry per path. */
    @Test
    void b96_developWatch() {
        Map<String, Object> s = Docs.service("""
                develop:
                  watch:
                    - {path: [./a, ./b], action: sync, target: /app}
                    - {path: ./c, action: rebuild}
                """);
        assertEquals("{watch=[{path=./c, action=rebuild}, {path=./a, action=sync, target=/app}, "
                + "{path=./b, action=sync, target=/app}]}", s.get("develop").toString());
    }

    /** 97: hooks keep their fields; commands split, environment as a map. */
    @Test
    void b97_hooks() {
        Map<String, Object> s = Docs.service("""
                post_start: [{command: echo hi, user: root, privileged: true, environment: [A=1]}]
                pre_stop: [{command: [./stop.sh], working_dir: /app}]
                """);
        assertEquals("[{command=[echo, hi], user=root, privileged=true, environment={A=1}}]", s.get("post_start").toString());
        assertEquals("[{command=[./stop.sh], working_dir=/app}]", s.get("pre_stop").toString());
    }

    /** 112, 113: depends_on list → map with defaults; long form keeps what is written. */
    @Test
    void b112_b113_dependsOn() {
        assertEquals("{db={condition=service_started, required=true}, redis={condition=service_started, required=true}}",
                Docs.service("depends_on: [db, redis]").get("depends_on").toString());
        assertEquals("{bar={condition=service_started, required=true}, baz={condition=service_healthy, required=false}}",
                Docs.service("depends_on: {bar: {condition: service_started}, baz: {condition: service_healthy, required: false}}")
                        .get("depends_on").toString());
    }

    /** 121: env_file short → long; required true is compose-go's default and left out; false is kept. */
    @Test
    void b121_envFile() {
        assertEquals("[{path=.env}]", Docs.service("env_file: .env").get("env_file").toString());
        assertEquals("[{path=a.env}, {path=other.env, required=false}, {path=c.env}]",
                Docs.service("env_file: [a.env, {path: other.env, required: false}, {path: c.env, required: true}]")
                        .get("env_file").toString());
    }

    /** networks list → map of nulls; extends string → {service}. */
    @Test
    void networksAndExtends() {
        assertEquals("{front=null, back=null}", Docs.service("networks: [front, back]").get("networks").toString());
        assertEquals("{service=base}", Docs.service("extends: base").get("extends").toString());
        assertNull(Docs.service("networks: {front: }").get("networks") instanceof Map<?, ?> m ? m.get("front") : "x");
    }

    /** 76: legacy external.name → name + external: true; a different name conflicts. */
    @Test
    void b76_legacyExternalName() {
        Map<String, Object> doc = Docs.canonical("""
                volumes:
                  v: {external: {name: my-cool-volume}}
                  w: {external: true}
                  n:
                networks:
                  net: {external: {name: my-net}}
                secrets:
                  s: {external: {name: my_secret}}
                configs:
                  c: {external: {name: my_config}}
                """);
        assertEquals("{v={name=my-cool-volume, external=true}, w={external=true}, n={}}", doc.get("volumes").toString());
        assertEquals("{net={name=my-net, external=true}}", doc.get("networks").toString());
        assertEquals("{s={name=my_secret, external=true}}", doc.get("secrets").toString());
        assertEquals("{c={name=my_config, external=true}}", doc.get("configs").toString());
        List<String> warnings = new java.util.ArrayList<>();
        Canonical.transform(Docs.yaml("volumes: {v: {external: {name: b}}, w: {external: true}}"), p -> null, false, warnings::add);
        assertEquals(List.of("volumes.v: external.name is deprecated. Please set name and external: true"), warnings);
        ComposeException e = assertThrows(ComposeException.class,
                () -> Docs.canonical("volumes: {v: {name: a, external: {name: b}}}"));
        assertEquals("volumes.v: name and external.name conflict; only use name", e.getMessage());
    }

    /** Resource options as string maps: driver_opts numbers become strings. */
    @Test
    void resourceDriverOpts() {
        Map<String, Object> doc = Docs.canonical("networks: {n: {driver_opts: {foo: bar, baz: 1}, labels: [a=b]}}");
        assertEquals("{n={driver_opts={foo=bar, baz=1}, labels={a=b}}}", doc.get("networks").toString());
    }
}
