package dev.berth.engine.runtime.shim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** berth-shim refuses a spec it does not understand, with the file, line and what is wrong. */
class ShimErrorsTest {

    @TempDir
    Path tmp;

    private Result shim(String spec) throws Exception {
        Path bundle = Files.createDirectories(tmp.resolve("bundle"));
        Files.writeString(bundle.resolve("spec"), spec);
        Process p = new ProcessBuilder(ShimBinary.locate(tmp.resolve("bin")).toString(), bundle.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        return new Result(p.exitValue(), out);
    }

    private record Result(int code, String output) {}

    @Test
    void unknownDirective() throws Exception {
        Result r = shim("rootfs\t/x\narg\ttrue\nfly\taway\n");
        assertEquals(125, r.code());
        assertTrue(r.output().contains("/spec:3: unknown directive 'fly'"), r.output());
    }

    @Test
    void badEscapeAndWrongArgumentCount() throws Exception {
        assertTrue(shim("rootfs\t/x\\q\n").output().contains(":1: bad escape"));
        assertTrue(shim("rootfs\t/x\nuser\t0\n").output().contains(":2: user takes 2 argument(s), got 1"));
        assertTrue(shim("rootfs\t/x\narg\ttrue\ncaps\teffective\tCAP_FLY\n").output().contains("unknown capability 'CAP_FLY'"));
        assertTrue(shim("rootfs\t/x\narg\ttrue\nrlimit\tnofile\t10\t5\n").output().contains("soft limit above the hard limit"));
    }

    @Test
    void missingCommandOrRootfs() throws Exception {
        assertTrue(shim("rootfs\t/x\n").output().contains("no arg directive"));
        assertTrue(shim("arg\ttrue\n").output().contains("no rootfs directive"));
        Result r = shim("rootfs\t/x\narg\ttrue\nseccomp\t/nonexistent.bpf\n");
        assertEquals(125, r.code());
        assertTrue(r.output().contains("open the seccomp filter /nonexistent.bpf: No such file or directory"), r.output());
    }

    @Test
    void interactiveAndExecSpecErrors() throws Exception {
        assertTrue(shim("rootfs\t/x\narg\ttrue\nattach-wait\t100\n").output().contains("attach-wait needs an attach socket"));
        assertTrue(shim("rootfs\t/x\narg\ttrue\nattach\t/s\nattach-wait\tsoon\n").output().contains(":4: attach-wait takes 1 to"));
        Result noTarget = exec("arg\ttrue\n");
        assertEquals(125, noTarget.code());
        assertTrue(noTarget.output().contains("no target-pid directive"), noTarget.output());
        assertTrue(exec("target-pid\t1\narg\ttrue\n").output().contains(":1: bad target-pid '1'"));
        Result missing = exec("target-pid\t999999999\narg\ttrue\n");
        assertEquals(125, missing.code());
        assertTrue(missing.output().startsWith("berth-shim exec: the container is not running: no process 999999999"), missing.output());
    }

    private Result exec(String spec) throws Exception {
        Path bundle = Files.createDirectories(tmp.resolve("exec-bundle"));
        Files.writeString(bundle.resolve("spec"), spec);
        Process p = new ProcessBuilder(ShimBinary.locate(tmp.resolve("bin")).toString(), "exec", bundle.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        return new Result(p.exitValue(), out);
    }

    @Test
    void theShimCanBeExtractedFromTheResources() throws Exception {
        Path extracted = ShimBinary.extractTo(tmp.resolve("extract"));
        assertTrue(Files.isExecutable(extracted));
        try (var in = ShimBinary.class.getResourceAsStream(ShimBinary.RESOURCE)) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(in.readAllBytes(), Files.readAllBytes(extracted));
        }
        assertEquals(java.util.List.of(extracted), Files.list(tmp.resolve("extract")).toList());
    }

    @Test
    void usage() throws Exception {
        Process p = new ProcessBuilder(ShimBinary.locate(tmp.resolve("bin")).toString()).redirectErrorStream(true).start();
        assertTrue(new String(p.getInputStream().readAllBytes()).contains("usage: berth-shim [-d] BUNDLE_DIR"));
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertEquals(125, p.exitValue());
    }
}
