package dev.berth.engine.runtime.shim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.container.Capability;
import dev.berth.engine.container.DockerDefaults;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** berth-shim exec on the real kernel: a process joins a running busybox container. */
class ShimExecTest {

    @TempDir
    Path tmp;
    ShimFixture f;
    ShimProcess container;
    ShimSpec spec;

    @BeforeEach
    void setUp() throws Exception {
        f = new ShimFixture(tmp);
    }

    @AfterEach
    void nothingLeft() throws Exception {
        if (container != null && container.isAlive()) {
            container.signal(ShimProcess.SIGKILL);
            container.waitFor(Duration.ofSeconds(20));
        }
        if (f != null) f.assertNothingLeft();
    }

    private long startContainer(ShimSpec.Builder b) throws Exception {
        spec = b.build();
        container = f.start(spec);
        ShimFixture.awaitLog(container, "ready");
        return container.containerPid().orElseThrow();
    }

    private long startContainer() throws Exception {
        return startContainer(f.spec("sh", "-c", "echo ready; exec sleep 1000"));
    }

    private record Out(int code, String stdout, String stderr) {}

    private Out exec(ExecSpec e) throws Exception {
        Path out = tmp.resolve("exec.out");
        Path err = tmp.resolve("exec.err");
        int code = f.runner.exec(e, tmp.resolve("exec-bundle"), Redirect.from(new java.io.File("/dev/null")),
                Redirect.to(out.toFile()), Redirect.to(err.toFile()), Duration.ofSeconds(30));
        return new Out(code, Files.readString(out), Files.readString(err));
    }

    private Out exec(long pid, String... args) throws Exception {
        return exec(ExecSpec.of(spec, pid, List.of(args)));
    }

    @Test
    void seesTheContainersPidNamespaceHostnameAndFilesystem() throws Exception {
        Files.writeString(f.upper.resolve("marker"), "only in the container\n");
        long pid = startContainer();
        Out ps = exec(pid, "ps", "-o", "pid,comm");
        assertEquals(0, ps.code(), ps.stderr());
        List<String> rows = ps.stdout().lines().skip(1).map(l -> l.trim().split("\\s+")[0] + " " + l.trim().split("\\s+")[1]).toList();
        assertEquals("1 sleep", rows.getFirst(), ps.stdout());
        assertTrue(rows.stream().noneMatch(r -> r.endsWith("java")), "host processes are invisible: " + ps.stdout());
        Out names = exec(pid, "sh", "-c", "hostname; echo $$; cat /marker; readlink /proc/1/ns/mnt; readlink /proc/self/ns/mnt");
        List<String> lines = names.stdout().lines().toList();
        assertEquals("box1", lines.get(0), names.stdout() + names.stderr());
        assertTrue(Integer.parseInt(lines.get(1)) > 1, "the exec is a new process of the container: " + lines);
        assertEquals("only in the container", lines.get(2), "the container's root filesystem");
        assertEquals(lines.get(3), lines.get(4), "same mount namespace as PID 1");
    }

    @Test
    void hasTheContainersCapabilitiesAndSeccomp() throws Exception {
        Assumptions.assumeTrue(System.getProperty("os.arch").equals("amd64"), "skipped: the test filter is for x86_64");
        Path filter = ShimFixture.denyMkdirFilter(tmp.resolve("deny-mkdir.bpf"));
        long pid = startContainer(f.spec("sh", "-c", "echo ready; exec sleep 1000").seccompFilter(filter));
        Out status = exec(pid, "cat", "/proc/self/status");
        String docker = String.format("%016x", Capability.mask(DockerDefaults.CAPABILITIES));
        assertEquals(docker, ShimFixture.statusField(status.stdout(), "CapEff"));
        assertEquals(docker, ShimFixture.statusField(status.stdout(), "CapBnd"));
        assertEquals("2", ShimFixture.statusField(status.stdout(), "Seccomp"));
        assertEquals("0", ShimFixture.statusField(status.stdout(), "NoNewPrivs"));
        Out mkdir = exec(pid, "mkdir", "/made");
        assertEquals(1, mkdir.code());
        assertTrue(mkdir.stderr().contains("Operation not permitted"), mkdir.stderr());
        Out nnp = exec(ExecSpec.of(spec, pid, List.of("grep", "NoNewPrivs", "/proc/self/status")).withNoNewPrivileges(true));
        assertEquals("NoNewPrivs:\t1\n", nnp.stdout(), nnp.stderr());
    }

    @Test
    void joinsTheContainersCgroup() throws Exception {
        Path cg = Path.of("/sys/fs/cgroup/pids/berth-exec-test-" + ProcessHandle.current().pid());
        Assumptions.assumeTrue(Files.isDirectory(cg.getParent()), "skipped: no cgroup v1 pids hierarchy");
        Files.createDirectories(cg);
        try {
            long pid = startContainer(f.spec("sh", "-c", "echo ready; exec sleep 1000").cgroupProcs(List.of(cg.resolve("cgroup.procs"))));
            // inside the container's cgroup namespace its cgroup is the root; the host sees two members
            Out out = exec(pid, "sh", "-c", "grep :pids: /proc/self/cgroup; cat /sys/fs/cgroup/pids/cgroup.procs 2>/dev/null | wc -l");
            assertTrue(out.stdout().startsWith(out.stdout().lines().findFirst().orElseThrow()), out.stdout());
            assertTrue(out.stdout().lines().findFirst().orElseThrow().endsWith(":pids:/"), out.stdout() + out.stderr());
            Out members = exec(pid, "sleep", "0");
            assertEquals(0, members.code(), members.stderr());
            ExecSpec probe = ExecSpec.of(spec, pid, List.of("sh", "-c", "echo $PPID; sleep 1000"));
            Process p = f.runner.startExec(probe, tmp.resolve("probe"), Redirect.from(new java.io.File("/dev/null")),
                    Redirect.PIPE, Redirect.INHERIT);
            try {
                new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream())).readLine();
                List<String> procs = Files.readAllLines(cg.resolve("cgroup.procs"));
                assertEquals(2, procs.size(), "PID 1 and the exec are in the container's cgroup: " + procs);
            } finally {
                p.destroyForcibly();
                p.waitFor();
            }
        } finally {
            container.signal(ShimProcess.SIGKILL);
            container.waitFor(Duration.ofSeconds(20));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!Files.readString(cg.resolve("cgroup.procs")).isBlank() && System.nanoTime() < deadline) Thread.sleep(20);
            Files.delete(cg);
        }
    }

    @Test
    void runsAsTheGivenUserInTheGivenDirectoryWithTheGivenEnvironment() throws Exception {
        long pid = startContainer();
        Out out = exec(ExecSpec.of(spec, pid, List.of("sh", "-c", "id; pwd; echo $WHO"))
                .withUser(new ShimSpec.User(65534, 65534, List.of(10))).withCwd("/tmp").withEnv(List.of("PATH=/bin", "WHO=me")));
        assertEquals("uid=65534(nobody) gid=65534(nobody) groups=10\n/tmp\nme\n", out.stdout(), out.stderr());
    }

    @Test
    void exitCodesPassThrough() throws Exception {
        long pid = startContainer();
        assertEquals(0, exec(pid, "true").code());
        assertEquals(3, exec(pid, "sh", "-c", "exit 3").code());
        Out notExecutable = exec(pid, "/etc/passwd");
        assertEquals(126, notExecutable.code());
        assertTrue(notExecutable.stderr().contains("permission denied"), notExecutable.stderr());
        Out notFound = exec(pid, "nosuchcmd");
        assertEquals(127, notFound.code());
        assertEquals("berth-shim exec: exec: \"nosuchcmd\": executable file not found in $PATH\n", notFound.stderr());
        assertEquals(128 + 9, exec(pid, "sh", "-c", "kill -9 $$").code());
    }

    @Test
    void aTimedOutExecIsKilledWithItsShim() throws Exception {
        long pid = startContainer();
        ExecSpec sleeper = ExecSpec.of(spec, pid, List.of("sleep", "999"));
        org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.TimeoutException.class, () -> f.runner.exec(
                sleeper, tmp.resolve("slow"), Redirect.PIPE, Redirect.DISCARD, Redirect.DISCARD, Duration.ofMillis(500)));
        // the exec'd sleep dies with its shim (parent-death signal): only PID 1's sleep is left
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String ps;
        do {
            ps = exec(pid, "ps", "-o", "pid,args").stdout();
        } while (ps.contains("sleep 999") && System.nanoTime() < deadline);
        assertFalse(ps.contains("sleep 999"), ps);
    }

    @Test
    void stdioIsTheShims() throws Exception {
        long pid = startContainer();
        Path in = Files.writeString(tmp.resolve("in"), "line one\nline two\n");
        Path out = tmp.resolve("out");
        Path err = tmp.resolve("err");
        int code = f.runner.exec(ExecSpec.of(spec, pid, List.of("sh", "-c", "cat; echo err >&2")), tmp.resolve("b"),
                Redirect.from(in.toFile()), Redirect.to(out.toFile()), Redirect.to(err.toFile()), Duration.ofSeconds(30));
        assertEquals(0, code);
        assertEquals("line one\nline two\n", Files.readString(out));
        assertEquals("err\n", Files.readString(err));
    }

    @Test
    void withTtyTheProcessHasAPtyOfTheContainersDevpts() throws Exception {
        long pid = startContainer();
        ExecSpec e = ExecSpec.of(spec, pid, List.of("sh", "-c", "tty; read line; echo got $line")).withTty(true);
        Process p = f.runner.startExec(e, tmp.resolve("tty"), Redirect.PIPE, Redirect.PIPE, Redirect.PIPE);
        p.getOutputStream().write("hello\n".getBytes());
        p.getOutputStream().flush();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out + new String(p.getErrorStream().readAllBytes()));
        List<String> lines = out.lines().map(String::strip).toList();
        assertTrue(lines.contains("/dev/pts/0"), "the container's own devpts instance: " + out);
        assertTrue(lines.contains("hello"), "the pty echoes the input: " + lines);
        assertTrue(lines.contains("got hello"), lines.toString());
        assertTrue(out.contains("\r\n"), "a terminal's line endings");
    }

    @Test
    void aTtyBelongsToTheExecsUser() throws Exception {
        long pid = startContainer();
        ExecSpec e = ExecSpec.of(spec, pid, List.of("sh", "-c", "stat -c '%U %g %a' $(tty); id -u"))
                .withUser(new ShimSpec.User(65534, 65534, List.of())).withTty(true);
        Process p = f.runner.startExec(e, tmp.resolve("tty-user"), Redirect.PIPE, Redirect.PIPE, Redirect.PIPE);
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out + new String(p.getErrorStream().readAllBytes()));
        assertEquals(List.of("nobody 5 620", "65534"), out.lines().map(String::strip).toList());
    }

    @Test
    void withTtyInATerminalTheShimIsRawPassesTheSizeAndFollowsResizes() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "skipped: script(1) gives the shim a terminal");
        long pid = startContainer();
        Path bundle = tmp.resolve("tty-exec");
        ExecSpec.of(spec, pid, List.of("sh", "-c", "stty size; read l; echo got $l; stty size")).withTty(true).write(bundle);
        String shim = ShimBinary.locate(tmp.resolve("bin")).toString();
        Process p = new ProcessBuilder("script", "-qec", "stty rows 12 cols 34; " + shim + " exec " + bundle + "; echo rc=$?; stty -a",
                "/dev/null").redirectErrorStream(true).start();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        var reader = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                p.getInputStream().transferTo(out);
            } catch (java.io.IOException e) {
                throw new RuntimeException(e);
            }
        });
        awaitText(out, "12 34");
        // resize the shim's terminal as a terminal emulator would: the kernel sends it SIGWINCH
        long shimPid = p.descendants().filter(h -> h.info().command().orElse("").endsWith("berth-shim")).findFirst()
                .orElseThrow().pid();
        String terminal = Files.readSymbolicLink(Path.of("/proc/" + shimPid + "/fd/0")).toString();
        Process stty = new ProcessBuilder("stty", "-F", terminal, "rows", "50", "cols", "60").inheritIO().start();
        assertEquals(0, stty.waitFor());
        p.getOutputStream().write("line\r".getBytes());
        p.getOutputStream().flush();
        awaitText(out, "rc=0");
        p.getOutputStream().close();
        assertTrue(p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS));
        reader.get(20, java.util.concurrent.TimeUnit.SECONDS);
        String text = out.toString();
        assertTrue(text.contains("got line"), text);
        assertTrue(text.contains("50 60"), "the resize reached the container's pty: " + text);
        String session = text.substring(0, text.indexOf("rc=0"));
        assertEquals(2, session.split("line", -1).length - 1, "echoed once, by the container's pty: " + session);
        String modes = text.substring(text.indexOf("rc=0"));
        assertTrue(modes.contains(" icanon") && modes.contains(" echo "), "the terminal's mode is restored: " + modes);
    }

    private static void awaitText(java.io.ByteArrayOutputStream out, String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!out.toString().contains(text)) {
            if (System.nanoTime() > deadline) throw new AssertionError("no '" + text + "' in " + out);
            Thread.sleep(20);
        }
    }

    @Test
    void intoAnEndedContainerFailsClearly() throws Exception {
        long pid = startContainer();
        container.signal(ShimProcess.SIGKILL);
        container.waitFor(Duration.ofSeconds(20));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (Files.exists(Path.of("/proc/" + pid)) && System.nanoTime() < deadline) Thread.sleep(20);
        Out out = exec(pid, "true");
        assertEquals(125, out.code());
        assertTrue(out.stderr().startsWith("berth-shim exec: ") && out.stderr().contains("not running"), out.stderr());
        // a PID that is a host process (here: this JVM) is refused too
        Out host = exec(ProcessHandle.current().pid(), "true");
        assertEquals(125, host.code());
        assertTrue(host.stderr().contains("is not a container's PID 1"), host.stderr());
        assertFalse(Files.exists(tmp.resolve("upper/made")));
    }
}
