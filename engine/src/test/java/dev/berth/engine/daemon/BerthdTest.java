package dev.berth.engine.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.engine.EngineRoots;
import dev.berth.engine.api.EngineUnavailableException;
import dev.berth.engine.api.UnixHttpClient;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** berthd on a real unix socket in a temp BERTH_RUN, spoken to by the CLI's thin client. */
class BerthdTest {

    @TempDir
    Path tmp;

    private EngineRoots roots() {
        return new EngineRoots(tmp.resolve("root"), tmp.resolve("run"));
    }

    @Test
    void answersPingAndVersionOnARootOnlySocket() throws Exception {
        try (Berthd daemon = Berthd.start(roots(), "1.2.3")) {
            UnixHttpClient client = new UnixHttpClient(daemon.socket());
            UnixHttpClient.Response ping = client.get("/_ping");
            assertEquals(200, ping.status());
            assertEquals("OK", ping.text());
            JsonNode version = new ObjectMapper().readTree(client.get("/version").body());
            assertEquals("1.2.3", version.get("Version").asText());
            assertEquals("linux", version.get("Os").asText());
            assertEquals(ProcessHandle.current().pid(), version.get("Pid").asLong());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(daemon.socket())));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("run"))));
            UnixHttpClient.Response missing = client.get("/nothing");
            assertEquals(404, missing.status());
            assertTrue(missing.text().contains("\"message\""), missing.text());
        }
        assertFalse(Files.exists(tmp.resolve("run/berthd.sock")), "the socket goes with the daemon");
        assertFalse(Files.exists(tmp.resolve("run/berthd.pid")));
    }

    @Test
    void noDaemonIsAClearError() {
        UnixHttpClient client = new UnixHttpClient(tmp.resolve("run/berthd.sock"));
        EngineUnavailableException e = assertThrows(EngineUnavailableException.class, () -> client.get("/_ping"));
        assertTrue(e.getMessage().contains("cannot connect to berthd"), e.getMessage());
    }

    @Test
    void aStaleSocketIsReplacedButARunningDaemonIsNot() throws Exception {
        Path socket = tmp.resolve("run/berthd.sock");
        Files.createDirectories(socket.getParent());
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(socket)); // bound, never accepts: like a killed daemon's file
        }
        assertTrue(Files.exists(socket));
        try (Berthd daemon = Berthd.start(roots(), "1")) {
            assertEquals(200, new UnixHttpClient(socket).get("/_ping").status());
            IllegalStateException twice = assertThrows(IllegalStateException.class, () -> Berthd.start(roots(), "1"));
            assertTrue(twice.getMessage().contains("already running"), twice.getMessage());
        }
    }
}
