package dev.berth.engine.image.archive;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real skopeo (Debian package), as an independent reader and writer of image archives. */
final class Skopeo {

    private final Path tmp;

    private Skopeo(Path tmp) {
        this.tmp = tmp;
    }

    /** Skips the calling test when skopeo is not installed. */
    static Skopeo require(Path tmp) {
        boolean found = false;
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, "skopeo"))) found = true;
        }
        assumeTrue(found, "skopeo is not installed (Debian: apt-get install skopeo); skipping the interop test");
        return new Skopeo(tmp);
    }

    /** Runs {@code skopeo --insecure-policy args...}; returns stdout, fails with stderr on a non-zero exit. */
    String run(String... args) throws IOException, InterruptedException {
        return new String(runBytes(args), StandardCharsets.UTF_8);
    }

    /** Like {@link #run}, stdout as bytes (for {@code inspect --raw}). */
    byte[] runBytes(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("skopeo", "--insecure-policy"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(tmp, "skopeo-", ".out");
        Path err = Files.createTempFile(tmp, "skopeo-", ".err");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("TMPDIR", tmp.toString());
        Process p = pb.start();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) throw new AssertionError("skopeo did not finish: " + command);
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
                p.waitFor();
            }
        }
        byte[] stdout = Files.readAllBytes(out);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        Files.delete(out);
        Files.delete(err);
        if (p.exitValue() != 0) throw new AssertionError(command + " failed (" + p.exitValue() + "): " + stderr);
        return stdout;
    }
}
