package dev.berth.compose.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.compose.ComposeException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Section G: volumes. */
class VolumeSpecTest {

    /** 103 */
    @Test
    void b103_anonymousVolume() {
        assertEquals("{type=volume, target=/path, volume={}}", VolumeSpec.parse("/path").toString());
    }

    /** 104: sources starting with . ~ / are binds (create_host_path is compose-go's default, left out); others are named volumes. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "./foo:/target       | {type=bind, source=./foo, target=/target, bind={}}",
        "~/thing:/target     | {type=bind, source=~/thing, target=/target, bind={}}",
        "../other:/target    | {type=bind, source=../other, target=/target, bind={}}",
        "/src:/target/       | {type=bind, source=/src, target=/target, bind={}}",
        "name:/target:nocopy | {type=volume, source=name, target=/target, volume={nocopy=true}}",
        "0:/foo              | {type=volume, source=0, target=/foo, volume={}}",
    })
    void b104_bindOrNamed(String spec, String expected) {
        assertEquals(expected, VolumeSpec.parse(spec).toString());
    }

    /** 104: a numeric volume name read from YAML is still a name. */
    @Test
    void b104_numericNameInDocument() {
        Map<String, Object> s = Docs.service("volumes: [\"0:/foo\"]");
        assertEquals("[{type=volume, source=0, target=/foo, volume={}}]", s.get("volumes").toString());
    }

    /** 105: access and bind options; unknown options accepted. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/a:/b:ro        | {type=bind, source=/a, target=/b, read_only=true, bind={}}",
        "/a:/b:rw        | {type=bind, source=/a, target=/b, bind={}}",
        "/a:/b:ro,z      | {type=bind, source=/a, target=/b, read_only=true, bind={selinux=z}}",
        "/a:/b:ro,Z      | {type=bind, source=/a, target=/b, read_only=true, bind={selinux=Z}}",
        "/a:/b:slave     | {type=bind, source=/a, target=/b, bind={propagation=slave}}",
        "/a:/b:rprivate  | {type=bind, source=/a, target=/b, bind={propagation=rprivate}}",
        "name:/b:bogus   | {type=volume, source=name, target=/b, volume={}}",
    })
    void b105_options(String spec, String expected) {
        assertEquals(expected, VolumeSpec.parse(spec).toString());
    }

    /** 106 */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/foo:/foo:ro:foo | invalid spec: /foo:/foo:ro:foo: too many colons",
        ":foo             | invalid spec: :foo: empty section between colons",
        "/foo::ro         | invalid spec: /foo::ro: empty section between colons",
        "''               | invalid empty volume spec",
    })
    void b106_errors(String spec, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> VolumeSpec.parse(spec)).getMessage());
    }

    /** 106: with its path in a document. */
    @Test
    void b106_errorHasPath() {
        ComposeException e = assertThrows(ComposeException.class, () -> Docs.service("volumes: [\"/a:/b:ro:x\"]"));
        assertEquals("services.s.volumes[0]: invalid spec: /a:/b:ro:x: too many colons", e.getMessage());
    }

    /** 107 */
    @Test
    void b107_colonsInsideVariables() {
        assertEquals("{type=bind, source=/tmp, target=/tmp/${TIME:-12:30:45}/path, bind={}}",
                VolumeSpec.parse("/tmp:/tmp/${TIME:-12:30:45}/path").toString());
    }

    /** 108 */
    @Test
    void b108_windowsPaths() {
        assertEquals("{type=bind, source=C:\\source\\foo, target=D:\\target, read_only=true, bind={propagation=rprivate}}",
                VolumeSpec.parse("C:\\source\\foo:D:\\target:ro,rprivate").toString());
        assertEquals("{type=bind, source=c:\\windows, target=d:\\s p a c e, bind={}}",
                VolumeSpec.parse("c:\\windows:d:\\s p a c e:RW").toString());
    }

    /** 110: long syntax kept; bind options default create_host_path (left out), an explicit false is kept; tmpfs size in bytes. */
    @Test
    void b110_longSyntax() {
        Map<String, Object> s = Docs.service("""
                volumes:
                  - {type: bind, source: ., target: /a, bind: {}}
                  - {type: bind, source: ., target: /b, bind: {create_host_path: false}}
                  - {type: tmpfs, target: /c, tmpfs: {size: 1kb}}
                  - {type: image, source: app, target: /d, image: {subpath: sub}}
                  - {type: volume, source: v, target: /e, volume: {subpath: sub}}
                  - {type: volume, source: v, target: /f, volume: {labels: [a=b]}}
                """);
        List<?> v = (List<?>) s.get("volumes");
        assertEquals("{type=bind, source=., target=/a, bind={}}", v.get(0).toString());
        assertEquals("{type=bind, source=., target=/b, bind={create_host_path=false}}", v.get(1).toString());
        assertEquals("{type=tmpfs, target=/c, tmpfs={size=1024}}", v.get(2).toString());
        assertEquals("{type=image, source=app, target=/d, image={subpath=sub}}", v.get(3).toString());
        assertEquals("{type=volume, source=v, target=/e, volume={subpath=sub}}", v.get(4).toString());
        assertEquals("{type=volume, source=v, target=/f, volume={labels={a=b}}}", v.get(5).toString());
    }

    /** 84: tmpfs size -1 is refused. */
    @Test
    void b84_negativeTmpfsSize() {
        ComposeException e = assertThrows(ComposeException.class,
                () -> Docs.service("volumes: [{type: tmpfs, target: /c, tmpfs: {size: -1}}]"));
        assertEquals("services.s.volumes[0]: tmpfs.size must be greater than or equal to 0", e.getMessage());
    }
}
