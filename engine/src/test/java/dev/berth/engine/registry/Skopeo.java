package dev.berth.engine.registry;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs the real {@code skopeo} (an independent registry client) with a permissive policy of its own. */
public final class Skopeo {

    static final Path BINARY = Path.of("/usr/bin/skopeo");

    private Skopeo() {
    }

    public static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(BINARY), "skipped: " + BINARY + " is missing (apt-get install skopeo)");
    }

    /** Runs skopeo, returns stdout; fails the test with its stderr on a non-zero exit. */
    public static String run(Path tmp, String... args) throws IOException, InterruptedException {
        Path policy = tmp.resolve("skopeo-policy.json");
        if (!Files.exists(policy)) Files.writeString(policy, "{\"default\":[{\"type\":\"insecureAcceptAnything\"}]}");
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--policy", policy.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(tmp, "skopeo-", ".out");
        Path err = Files.createTempFile(tmp, "skopeo-", ".err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("skopeo did not finish in 120 s: " + command);
        }
        if (p.exitValue() != 0) fail("skopeo failed (" + p.exitValue() + "): " + command + "\n" + Files.readString(err));
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
