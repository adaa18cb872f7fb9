package dev.berth.engine.runtime.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compiled filters on the real kernel: a small C loader (built here with cc, standing in for
 * berth-shim) installs a filter file and execs busybox or a raw-syscall probe. Every denial is checked
 * against a control run without the filter, so a test fails if the filter does not apply.
 */
class SeccompKernelTest {

    private static final Path BUSYBOX = Path.of("/usr/bin/busybox");
    private static final Path UNSHARE = Path.of("/usr/bin/unshare");
    private static final int SIGSYS_EXIT = 128 + 31;
    private static final String EPERM = "-1 1";

    // x86_64 numbers (arch/x86/entry/syscalls/syscall_64.tbl)
    private static final String SOCKET = "41";
    private static final String CLONE = "56";
    private static final String PERSONALITY = "135";
    private static final String KEYCTL = "250";
    private static final String CLONE3 = "435";
    // i386 numbers (syscall_32.tbl)
    private static final String I386_GETPID = "20";
    private static final String I386_KEYCTL = "288";

    @TempDir
    static Path tools;
    @TempDir
    Path work;

    private static Path loader;
    private static Path probe;
    private static Path defaultFilter;

    @BeforeAll
    static void buildTools() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "skipped: needs root");
        Assumptions.assumeTrue(Files.isExecutable(BUSYBOX), "skipped: /usr/bin/busybox missing (busybox-static)");
        Assumptions.assumeTrue(Files.isExecutable(UNSHARE), "skipped: /usr/bin/unshare missing (util-linux)");
        Assumptions.assumeTrue(Files.readString(Path.of("/proc/self/status")).contains("Seccomp:"),
                "skipped: the kernel has no seccomp (CONFIG_SECCOMP_FILTER)");
        Assumptions.assumeTrue(onPath("cc"), "skipped: no C compiler (cc) to build the test loader");
        loader = compileC("seccomp-exec");
        probe = compileC("syscall-probe");
        defaultFilter = compile(DefaultSeccompProfile.profile(), Capabilities.DOCKER_DEFAULT, "default.bpf");
    }

    @Test
    void theFilterIsInstalled() throws Exception {
        Result filtered = run(loader.toString(), defaultFilter.toString(), BUSYBOX.toString(), "cat", "/proc/self/status");
        Result control = run(BUSYBOX.toString(), "cat", "/proc/self/status");
        assertEquals(0, filtered.exit(), filtered.output());
        assertTrue(filtered.output().contains("Seccomp:\t2"), filtered.output());
        assertEquals(filters(control.output()) + 1, filters(filtered.output()), "one more filter than without the loader");
    }

    @Test
    void ordinaryCommandsWork() throws Exception {
        Path made = work.resolve("made");
        Result result = run(loader.toString(), defaultFilter.toString(), BUSYBOX.toString(), "sh", "-c",
                "echo hello && ls / >/dev/null && sleep 0.1 && mkdir " + made + " && cat /etc/hostname >/dev/null"
                        + " && echo done");
        assertEquals(0, result.exit(), result.output());
        assertEquals("hello\ndone\n", result.output());
        assertTrue(Files.isDirectory(made));
    }

    @Test
    void namespacesFailWithEpermUnlessSysAdmin() throws Exception {
        Result control = run(BUSYBOX.toString(), "unshare", "-n", "true");
        assertEquals(0, control.exit(), "without the filter root may unshare: " + control.output());
        Result denied = run(loader.toString(), defaultFilter.toString(), BUSYBOX.toString(), "unshare", "-n", "true");
        assertNotEquals(0, denied.exit());
        assertTrue(denied.output().contains("Operation not permitted"), denied.output());
        Path admin = compile(DefaultSeccompProfile.profile(),
                Capabilities.with(Capabilities.DOCKER_DEFAULT, "CAP_SYS_ADMIN"), "admin.bpf");
        Result allowed = run(loader.toString(), admin.toString(), BUSYBOX.toString(), "unshare", "-n", "true");
        assertEquals(0, allowed.exit(), "CAP_SYS_ADMIN brings unshare back: " + allowed.output());
    }

    @Test
    void mountFailsWithEperm() throws Exception {
        Path mnt = Files.createDirectory(work.resolve("mnt"));
        // In a private mount namespace (unshare -m) so that nothing can reach the host's mounts.
        Result control = run(UNSHARE.toString(), "-m", BUSYBOX.toString(), "mount", "-t", "tmpfs", "tmpfs", mnt.toString());
        assertEquals(0, control.exit(), "without the filter root may mount: " + control.output());
        Result denied = run(UNSHARE.toString(), "-m", loader.toString(), defaultFilter.toString(), BUSYBOX.toString(),
                "mount", "-t", "tmpfs", "tmpfs", mnt.toString());
        assertNotEquals(0, denied.exit());
        assertTrue(denied.output().toLowerCase().contains("permission denied")
                || denied.output().contains("Operation not permitted"), denied.output());
        assertFalse(Files.readString(Path.of("/proc/self/mountinfo")).contains(mnt.toString()), "no mount leaked");
    }

    @Test
    void sethostnameFailsWithEperm() throws Exception {
        // In a private UTS namespace, so the host's name is safe even if the filter let it through.
        Result control = run(UNSHARE.toString(), "-u", BUSYBOX.toString(), "hostname", "berth-seccomp-test");
        assertEquals(0, control.exit(), control.output());
        Result denied = run(UNSHARE.toString(), "-u", loader.toString(), defaultFilter.toString(), BUSYBOX.toString(),
                "hostname", "berth-seccomp-test");
        assertNotEquals(0, denied.exit());
        assertTrue(denied.output().contains("Operation not permitted"), denied.output());
    }

    @Test
    void rawSyscallsGetDockersVerdicts() throws Exception {
        assertDenied(EPERM, KEYCTL, "0", "-3", "0");                 // keyctl(GET_KEYRING_ID, SESSION)
        assertDenied(EPERM, CLONE, "0x40000011");                    // clone(CLONE_NEWNET | SIGCHLD)
        assertDenied(EPERM, SOCKET, "38", "5", "0");                 // socket(AF_ALG, SOCK_SEQPACKET)
        assertDenied(EPERM, PERSONALITY, "0x400000");                // personality(READ_IMPLIES_EXEC)
        assertDenied("-1 38", CLONE3, "0", "0");                     // clone3 → ENOSYS, libc falls back to clone
        assertDenied(EPERM, "--i386", I386_KEYCTL, "0", "-3", "0");  // the i386 ABI is filtered too
        assertAllowed(CLONE, "0x11");                                // fork
        assertAllowed(SOCKET, "2", "1", "0");                        // socket(AF_INET, SOCK_STREAM)
        assertAllowed(PERSONALITY, "0xffffffff");                    // query
        assertAllowed("--i386", I386_GETPID);
    }

    @Test
    void aTinyAllowlistProfileApplies() throws Exception {
        Path profile = work.resolve("tiny-allowlist.json");
        try (InputStream in = SeccompKernelTest.class.getResourceAsStream("tiny-allowlist.json")) {
            Files.copy(in, profile);
        }
        Path tiny = compile(SeccompProfile.read(profile), Set.of(), "tiny.bpf");
        Result echo = run(loader.toString(), tiny.toString(), BUSYBOX.toString(), "echo", "hello");
        assertEquals(0, echo.exit(), echo.output());
        assertEquals("hello\n", echo.output());
        Path dir = work.resolve("not-made");
        Result mkdir = run(loader.toString(), tiny.toString(), BUSYBOX.toString(), "mkdir", dir.toString());
        assertNotEquals(0, mkdir.exit());
        assertTrue(mkdir.output().contains("Permission denied"), "defaultErrnoRet 13 is EACCES: " + mkdir.output());
        assertFalse(Files.exists(dir));
        Result control = run(BUSYBOX.toString(), "mkdir", dir.toString());
        assertEquals(0, control.exit(), control.output());
        Result i386 = run(loader.toString(), tiny.toString(), probe.toString(), "--i386", I386_GETPID);
        assertEquals(SIGSYS_EXIT, i386.exit(), "an ABI the profile does not list is killed: " + i386.output());
    }

    private static void assertDenied(String expected, String... probeArgs) throws Exception {
        Result control = run(withProbe(null, probeArgs));
        assertTrue(control.exit() == 0 && !control.output().startsWith(expected),
                "the control run must not give " + expected + ": " + control.output());
        Result filtered = run(withProbe(defaultFilter, probeArgs));
        assertEquals(0, filtered.exit(), filtered.output());
        assertEquals(expected, filtered.output().strip(), String.join(" ", probeArgs));
    }

    private static void assertAllowed(String... probeArgs) throws Exception {
        Result filtered = run(withProbe(defaultFilter, probeArgs));
        assertEquals(0, filtered.exit(), filtered.output());
        assertTrue(filtered.output().strip().endsWith(" 0") && !filtered.output().startsWith("-1"),
                String.join(" ", probeArgs) + ": " + filtered.output());
    }

    private static String[] withProbe(Path filter, String... probeArgs) {
        List<String> command = new ArrayList<>();
        if (filter != null) {
            command.add(loader.toString());
            command.add(filter.toString());
        }
        command.add(probe.toString());
        command.addAll(List.of(probeArgs));
        return command.toArray(String[]::new);
    }

    private static int filters(String status) {
        Matcher m = Pattern.compile("Seccomp_filters:\\s+(\\d+)").matcher(status);
        Assumptions.assumeTrue(m.find(), "skipped: no Seccomp_filters in /proc/self/status (kernel < 5.9)");
        return Integer.parseInt(m.group(1));
    }

    private static Path compile(SeccompProfile profile, Set<String> caps, String name) throws Exception {
        Path file = tools.resolve(name);
        SeccompCompiler.compile(profile, caps, KernelVersion.running()).write(file);
        return file;
    }

    private static Path compileC(String name) throws Exception {
        Path source = tools.resolve(name + ".c");
        try (InputStream in = SeccompKernelTest.class.getResourceAsStream(name + ".c")) {
            Files.copy(in, source);
        }
        Path binary = tools.resolve(name);
        List<String> flags = List.of("cc", "-Wall", "-Wextra", "-Werror", "-O2", "-o", binary.toString(), source.toString());
        Result staticBuild = run(concat(flags, "-static"));
        if (staticBuild.exit() != 0) { // no static libc installed: a dynamic binary works as well here
            Result build = run(flags.toArray(String[]::new));
            assertEquals(0, build.exit(), "cc " + name + ".c: " + build.output());
        }
        return binary;
    }

    private static String[] concat(List<String> list, String extra) {
        List<String> all = new ArrayList<>(list);
        all.add(extra);
        return all.toArray(String[]::new);
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    record Result(int exit, String output) {}

    /** Runs in the tools directory (a core dump of a killed process lands there and is removed with it). */
    private static Result run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(tools.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("did not finish: " + String.join(" ", command));
        }
        return new Result(process.exitValue(), output);
    }
}
