package dev.berth.compose.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.compose.ComposeException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Relative paths made absolute against the working dir (behaviours 95, 104, 110, 111, 120). */
class PathResolverTest {

    private static Map<String, Object> resolve(String yaml) {
        return PathResolver.resolve(Canonical.transform(Docs.yaml(yaml)), Path.of("/wd"), Path.of("/home/me"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(Map<String, Object> doc) {
        return (Map<String, Object>) ((Map<String, Object>) doc.get("services")).get("s");
    }

    /** 120, 94: build context, env_file, label_file, extends file, watch path. */
    @Test
    void b120_servicePaths() {
        Map<String, Object> s = service(resolve("""
                services:
                  s:
                    build: ./testdata
                    env_file: [a.env, {path: ../b.env, required: false}, /abs.env]
                    label_file: ./l.label
                    extends: {file: base.yml, service: x}
                    develop: {watch: [{path: ./src, action: sync, target: /app}]}
                """));
        assertEquals("{context=/wd/testdata}", s.get("build").toString());
        assertEquals("[{path=/wd/a.env}, {path=/b.env, required=false}, {path=/abs.env}]", s.get("env_file").toString());
        assertEquals(List.of("/wd/l.label"), s.get("label_file"));
        assertEquals("{file=/wd/base.yml, service=x}", s.get("extends").toString());
        assertEquals("{watch=[{path=/wd/src, action=sync, target=/app}]}", s.get("develop").toString());
        assertEquals("{context=/wd}", service(resolve("services: {s: {build: {}}}")).get("build").toString());
    }

    /** 95: additional contexts: local paths resolved, image/oci/remote references kept. */
    @Test
    void b95_additionalContexts() {
        Map<?, ?> build = (Map<?, ?>) service(resolve("""
                services:
                  s:
                    build:
                      context: https://github.com/docker/app.git
                      additional_contexts:
                        local: ./testdata
                        image: docker-image://alpine
                        layout: oci-layout://./dir
                        git: github.com/docker/app
                        svc: service:base
                      ssh: [default, key=./id_rsa]
                """)).get("build");
        assertEquals("https://github.com/docker/app.git", build.get("context"));
        assertEquals("{local=/wd/testdata, image=docker-image://alpine, layout=oci-layout://./dir, "
                + "git=github.com/docker/app, svc=service:base}", build.get("additional_contexts").toString());
        assertEquals(List.of("default", "key=/wd/id_rsa"), build.get("ssh"));
    }

    /** 104, 110: bind sources (with ~ and .) resolved; named volumes untouched; Windows paths kept. */
    @Test
    void b104_b110_bindSources() {
        Map<String, Object> s = service(resolve("""
                services:
                  s:
                    volumes:
                      - .:/code
                      - ~/configs:/etc/configs:ro
                      - ../other:/o
                      - data:/data
                      - {type: bind, source: ./opt, target: /opt}
                      - C:\\data:/w
                """));
        List<?> v = (List<?>) s.get("volumes");
        assertEquals("/wd", ((Map<?, ?>) v.get(0)).get("source"));
        assertEquals("/home/me/configs", ((Map<?, ?>) v.get(1)).get("source"));
        assertEquals("/other", ((Map<?, ?>) v.get(2)).get("source"));
        assertEquals("data", ((Map<?, ?>) v.get(3)).get("source"));
        assertEquals("/wd/opt", ((Map<?, ?>) v.get(4)).get("source"));
        assertEquals("C:\\data", ((Map<?, ?>) v.get(5)).get("source"));
    }

    /** 110: a long-syntax bind needs a source. */
    @Test
    void b110_bindWithoutSource() {
        ComposeException e = assertThrows(ComposeException.class,
                () -> resolve("services: {s: {volumes: [{type: bind, target: /a}]}}"));
        assertEquals("services.s.volumes[0]: invalid mount config for type \"bind\": field Source must not be empty",
                e.getMessage());
    }

    /** 111: a local-driver bind device is a host path; secrets, configs and includes too. */
    @Test
    void b111_resourcePaths() {
        Map<String, Object> doc = resolve("""
                volumes:
                  data: {driver: local, driver_opts: {type: none, o: bind, device: ./data}}
                  other: {driver: local, driver_opts: {type: nfs, device: ./keep}}
                secrets: {s: {file: ./secret}, e: {environment: X}}
                configs: {c: {file: ~/config}}
                include: [./inc.yml, {path: [a.yml], project_directory: ., env_file: x.env}]
                """);
        assertEquals("{data={driver=local, driver_opts={type=none, o=bind, device=/wd/data}}, "
                + "other={driver=local, driver_opts={type=nfs, device=./keep}}}", doc.get("volumes").toString());
        assertEquals("{s={file=/wd/secret}, e={environment=X}}", doc.get("secrets").toString());
        assertEquals("{c={file=/home/me/config}}", doc.get("configs").toString());
        assertEquals("[{path=[/wd/inc.yml]}, {path=[/wd/a.yml], project_directory=/wd, env_file=[/wd/x.env]}]",
                doc.get("include").toString());
    }
}
