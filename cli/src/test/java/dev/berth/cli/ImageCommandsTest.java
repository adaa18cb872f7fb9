package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image commands through {@link Main#run}, each test with its own BERTH_ROOT. */
class ImageCommandsTest {

    @TempDir
    Path dir;

    private Map<String, String> env;

    @BeforeEach
    void rootfs() throws IOException {
        env = Map.of("BERTH_ROOT", dir.resolve("root").toString(), "BERTH_RUN", dir.resolve("run").toString());
        Path rootfs = dir.resolve("rootfs");
        Files.createDirectories(rootfs.resolve("etc"));
        Files.writeString(rootfs.resolve("etc/hello"), "hello from berth\n");
    }

    private BerthRun berth(String... args) {
        return BerthRun.in(dir, env, "", args);
    }

    private BerthRun ok(String... args) {
        BerthRun run = berth(args);
        assertEquals(0, run.exitCode(), run::toString);
        return run;
    }

    @Test
    void importListInspectHistory() throws IOException {
        String id = ok("image", "import", "--change", "CMD [\"sh\"]", "-m", "test image", "rootfs", "demo:1").out().strip();
        assertTrue(id.matches("sha256:[0-9a-f]{64}"), id);
        String list = ok("images").out();
        assertTrue(list.startsWith("REPOSITORY   TAG   IMAGE ID       CREATED"), list);
        assertTrue(list.contains("demo         1     " + id.substring(7, 19)), list);
        assertEquals(id.substring(7, 19) + "\n", ok("images", "-q").out());
        assertEquals(ok("images").out(), ok("image", "ls").out());

        JsonNode inspect = new ObjectMapper().readTree(ok("image", "inspect", "demo:1").out());
        assertEquals(1, inspect.size());
        assertEquals(id, inspect.get(0).get("Id").asText());
        assertEquals("demo:1", inspect.get(0).get("RepoTags").get(0).asText());
        assertEquals("sh", inspect.get(0).get("Config").get("Cmd").get(0).asText());
        assertEquals("layers", inspect.get(0).get("RootFS").get("Type").asText());

        String history = ok("image", "history", "demo:1").out();
        assertTrue(history.contains("test image"), history);
    }

    @Test
    void tagAndRemoveLikeDocker() {
        String id = ok("image", "import", "rootfs", "demo:1").out().strip();
        ok("tag", "demo:1", "other/name:2");
        assertEquals("Untagged: other/name:2\n", ok("rmi", "other/name:2").out(), "a second name only untags");
        assertEquals(1, berth("rmi", "demo").exitCode(), "demo means demo:latest, which does not exist");
        assertEquals("Untagged: demo:1\nDeleted: " + id + "\n", ok("rmi", "demo:1").out());
    }

    @Test
    void saveThenLoadKeepsTheImage() {
        String id = ok("image", "import", "rootfs", "demo:1").out().strip();
        ok("image", "save", "-o", "demo.tar", "demo:1");
        assertTrue(Files.isRegularFile(dir.resolve("demo.tar")));
        ok("rmi", "demo:1");
        assertEquals("Loaded image: demo:1\n", ok("image", "load", "-i", "demo.tar").out());
        assertTrue(ok("images", "--no-trunc", "-q").out().contains(id));
    }

    @Test
    void pruneRemovesDanglingImages() {
        ok("image", "import", "rootfs");
        String out = ok("image", "prune", "-f").out();
        assertTrue(out.startsWith("Deleted Images:\ndeleted: sha256:"), out);
        assertTrue(out.contains("Total reclaimed space: "), out);
        assertEquals("", ok("images", "-q").out());
    }

    @Test
    void errorsSayWhatIsWrong() {
        BerthRun missing = berth("rmi", "nothing");
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("Error: No such image: nothing"), missing::toString);

        BerthRun badName = berth("pull", "Bad/Name");
        assertEquals(1, badName.exitCode());
        assertTrue(badName.err().contains("invalid reference format \"Bad/Name\": repository name must be lowercase"),
                badName::toString);

        BerthRun noFile = berth("image", "import", "no-such.tar");
        assertEquals(1, noFile.exitCode());
        assertTrue(noFile.err().contains("no-such.tar"), noFile::toString);

        BerthRun unreachable = berth("pull", "127.0.0.1:1/nothing:1");
        assertEquals(1, unreachable.exitCode());
        assertTrue(unreachable.err().contains("cannot reach registry at 127.0.0.1:1"), unreachable::toString);
    }

    @Test
    void anImageAContainerUsesIsNotRemovedUnlessForced() throws Exception {
        String id = ok("image", "import", "rootfs", "demo:1").out().strip();
        var store = new dev.berth.engine.container.ContainerStore(dir.resolve("root/containers"));
        var c = store.create("user1", id, new dev.berth.engine.container.ContainerConfig("demo:1", null, java.util.List.of("sh"),
                null, "/", "", "", "", null, false, false, false, null, null, null, null), dev.berth.engine.container.HostConfig.defaults());
        ok("tag", "demo:1", "demo:2");
        assertEquals("Untagged: demo:2\n", ok("rmi", "demo:2").out(), "another name can go");
        BerthRun refused = berth("rmi", "demo:1");
        assertEquals(1, refused.exitCode(), refused::toString);
        assertTrue(refused.err().contains("Error:"), refused::toString);
        assertTrue(ok("images", "-q").out().contains(id.substring(7, 19)), "still there");
        ok("rmi", "-f", "demo:1");
        store.remove(c.id());
    }
}
