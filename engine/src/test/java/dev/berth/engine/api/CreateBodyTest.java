package dev.berth.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.engine.container.HostConfig;
import dev.berth.engine.container.RestartPolicy;
import dev.berth.engine.json.MiniJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The thin client writes the create body by hand; the daemon reads it with Jackson: both must agree, field by field. */
class CreateBodyTest {

    @Test
    void theDaemonReadsTheClientsBodyBackToTheSameRequest() throws Exception {
        HostConfig host = new HostConfig(33554432, -1, 500_000_000, 512, "0,1", 20, List.of("NET_ADMIN"), List.of("CHOWN"), false,
                List.of("no-new-privileges"), true, new RestartPolicy("on-failure", 2), true, false, List.of("/tmp:/data:ro"),
                Map.of("/run", "size=1m"), "host", 1 << 20, List.of(new HostConfig.Ulimit("nofile", 100, 200)),
                List.of("10.0.0.2"), List.of("a.example"), List.of("ndots:1"), List.of("db:10.1.1.1"),
                List.of(new dev.berth.engine.container.PortBinding("80/tcp", "127.0.0.1", "8080")),
                List.of(dev.berth.engine.container.Mount.bind("/srv", "/srv", true),
                        new dev.berth.engine.container.Mount("volume", "data", "/data", false, null,
                                new dev.berth.engine.container.Mount.VolumeOptions(true, Map.of("a", "b"),
                                        new dev.berth.engine.container.Mount.DriverConfig("local", Map.of("type", "tmpfs")), null), null),
                        dev.berth.engine.container.Mount.tmpfs("/scratch", 1 << 20, 0700)),
                Map.of("net.ipv4.ip_forward", "1"));
        CreateRequest request = new CreateRequest(null, "busybox:latest", List.of(), List.of("sh", "-c", "echo \"hi\"\n"),
                List.of("A=1", "B=two words"), "/work", "nobody", "box", "example.org", Map.of("tier", "web"), true, true, true,
                "SIGHUP", 3, host, List.of("/cache"),
                new dev.berth.engine.container.Healthcheck(List.of("CMD-SHELL", "true"), 1_000_000_000L, 2, 3, 4, 5),
                Map.of("host", new dev.berth.engine.container.NetworkEndpointConfig(List.of("db", "primary"), "10.1.2.3")));
        CreateRequest back = ApiJson.readCreateRequest(MiniJson.write(EngineClient.body(request)));
        assertEquals(request, back);
        CreateRequest defaults = CreateRequest.of("busybox");
        assertEquals(defaults, ApiJson.readCreateRequest(MiniJson.write(EngineClient.body(defaults))),
                "null entrypoint and cmd stay null (the image's)");
    }
}
