package dev.berth.engine.image.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.image.oci.ContainerConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigChangesTest {

    private static ContainerConfig apply(String... changes) {
        return ConfigChanges.apply(ContainerConfig.EMPTY, List.of(changes));
    }

    @Test
    void cmdAndEntrypointInExecAndShellForm() {
        assertEquals(List.of("sh"), apply("CMD [\"sh\"]").cmd());
        assertEquals(List.of("/bin/sh", "-c", "echo hi && sleep 1"), apply("CMD echo hi && sleep 1").cmd());
        assertEquals(List.of("/bin/sh", "-c", "[not json"), apply("cmd [not json").cmd(), "not a JSON array: shell form");
        ContainerConfig c = apply("ENTRYPOINT [\"/init\", \"--\"]", "CMD [\"serve\"]");
        assertEquals(List.of("/init", "--"), c.entrypoint());
        assertEquals(List.of("serve"), c.cmd());
        ContainerConfig base = apply("CMD [\"old\"]");
        assertNull(ConfigChanges.apply(base, List.of("ENTRYPOINT [\"/x\"]")).cmd(), "ENTRYPOINT drops an inherited CMD");
        assertEquals(List.of("new"), ConfigChanges.apply(base, List.of("CMD [\"new\"]", "ENTRYPOINT [\"/x\"]")).cmd());
    }

    @Test
    void envInBothFormsReplacingKeys() {
        ContainerConfig c = apply("ENV PATH=/bin A=\"x y\" B=c\\ d", "ENV NAME John Doe", "ENV A=z");
        assertEquals(List.of("PATH=/bin", "A=z", "B=c d", "NAME=John Doe"), c.env());
    }

    @Test
    void exposeVolumeLabelWorkdirUserStopsignal() {
        ContainerConfig c = apply("EXPOSE 80 53/udp 8000-8002", "VOLUME [\"/data\", \"/logs\"]", "VOLUME /cache /tmp/x",
                "LABEL org.opencontainers.image.title=\"my app\" version=1", "WORKDIR /srv", "WORKDIR app/../www",
                "USER nobody:nogroup", "STOPSIGNAL SIGQUIT");
        assertEquals(List.of("53/udp", "80/tcp", "8000/tcp", "8001/tcp", "8002/tcp"), List.copyOf(c.exposedPorts().keySet()));
        assertEquals(List.of("/cache", "/data", "/logs", "/tmp/x"), List.copyOf(c.volumes().keySet()));
        assertEquals(Map.of("org.opencontainers.image.title", "my app", "version", "1"), c.labels());
        assertEquals("/srv/www", c.workingDir());
        assertEquals("nobody:nogroup", c.user());
        assertEquals("SIGQUIT", c.stopSignal());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "FROM scratch          | FROM is not a valid change command: use one of CMD, ENTRYPOINT, ENV",
            "RUN echo              | RUN is not a valid change command",
            "ONBUILD RUN true      | ONBUILD is not supported by berth",
            "CMD                   | CMD requires at least one argument",
            "EXPOSE 70000          | invalid port range",
            "EXPOSE http           | invalid port \"http\"",
            "ENV A=\"unterminated  | unterminated \" quote",
            "STOPSIGNAL 'sig term' | is not a signal",
            "LABEL =x              | names must be followed by =",
    })
    void badChangesSayWhy(String change, String why) {
        InvalidChangeException e = assertThrows(InvalidChangeException.class, () -> apply(change));
        assertTrue(e.getMessage().startsWith("--change \"" + change + "\": "), e.getMessage());
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }
}
