package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code berth volume …}, {@code run -v/--mount} and {@code rm -v} as a user types them (issue 6). */
class VolumeCommandsTest {

    @TempDir
    Path dir;

    private BusyboxEngine engine;

    @BeforeEach
    void busybox() throws Exception {
        engine = BusyboxEngine.create(dir);
    }

    @AfterEach
    void nothingLeft() throws IOException {
        if (engine != null) engine.stopAndCheckNothingLeft();
    }

    private BerthRun berth(String... args) {
        return BerthRun.in(dir, engine.env(), "", args);
    }

    private BerthRun ok(String... args) {
        BerthRun r = berth(args);
        assertEquals(0, r.exitCode(), r::toString);
        return r;
    }

    @Test
    void dataOutlivesTheContainerAndVolumeRmIsRefusedWhileUsed() {
        assertEquals("pgdata\n", ok("volume", "create", "--label", "app=db", "pgdata").out());
        ok("run", "--name", "writer", "--network", "none", "-v", "pgdata:/var/lib/db", "busybox", "sh", "-c", "echo rows > /var/lib/db/t");
        BerthRun busy = berth("volume", "rm", "pgdata");
        assertEquals(1, busy.exitCode(), busy::toString);
        assertTrue(busy.err().contains("volume is in use"), busy::toString);
        ok("rm", "writer");
        assertEquals("rows\n", ok("run", "--rm", "--network", "none", "--mount", "source=pgdata,target=/d,readonly", "busybox",
                "cat", "/d/t").out());
        String ls = ok("volume", "ls").out();
        assertTrue(ls.startsWith("DRIVER") && ls.contains("local") && ls.contains("pgdata"), ls);
        String inspect = ok("volume", "inspect", "pgdata").out();
        assertTrue(inspect.contains("\"Mountpoint\": \"" + dir.resolve("root/volumes/pgdata/_data") + "\""), inspect);
        assertTrue(inspect.contains("\"app\": \"db\""), inspect);
        assertEquals("pgdata\n", ok("volume", "rm", "pgdata").out());
        assertEquals("", ok("volume", "ls", "-q").out());
        BerthRun missing = berth("volume", "inspect", "pgdata");
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("no such volume"), missing::toString);
    }

    @Test
    void anonymousVolumesGoWithRmVAndMountErrorsAreDockers() {
        ok("run", "--name", "cache1", "--network", "none", "-v", "/cache", "busybox", "sh", "-c", "echo c > /cache/f");
        String anonymous = ok("volume", "ls", "-q").out().strip();
        assertEquals(64, anonymous.length(), anonymous);
        ok("rm", "-v", "cache1");
        assertEquals("", ok("volume", "ls", "-q").out(), "rm -v removed it");

        BerthRun noSource = berth("run", "--rm", "--mount", "type=bind,source=" + dir.resolve("nope") + ",target=/x", "busybox", "true");
        assertEquals(1, noSource.exitCode(), noSource::toString);
        assertTrue(noSource.err().contains("bind source path does not exist: " + dir.resolve("nope")), noSource::toString);
        assertFalse(Files.exists(dir.resolve("nope")));
        BerthRun proc = berth("run", "--rm", "-v", "data:/proc", "busybox", "true");
        assertEquals(1, proc.exitCode(), proc::toString);
        assertTrue(proc.err().contains("cannot mount over /proc"), proc::toString);
        assertEquals("", ok("volume", "ls", "-q").out(), "refused runs made no volume");
    }
}
