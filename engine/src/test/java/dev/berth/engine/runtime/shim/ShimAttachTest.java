package dev.berth.engine.runtime.shim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A container's stdin, tty and attach socket, driven as berthd and the CLI will: berth-shim -d, then attach. */
class ShimAttachTest {

    @TempDir
    Path tmp;
    ShimFixture f;
    Path sock;
    Path control;

    @BeforeEach
    void setUp() throws Exception {
        f = new ShimFixture(tmp);
        sock = tmp.resolve("attach.sock");
        control = tmp.resolve("control.sock");
    }

    @AfterEach
    void nothingLeft() throws Exception {
        if (f == null) return;
        if (Files.exists(tmp.resolve("shim.pid"))) awaitExit(); // a failed test's container still ends: every one here reads stdin or exits by itself
        f.assertNothingLeft();
    }

    private ShimSpec.Interactive interactive(boolean stdin, boolean once, boolean tty, Duration wait) {
        return new ShimSpec.Interactive(stdin, once, tty, sock, control, wait);
    }

    /** berth-shim -d with the given interactive settings; asserts the answer is 0 (held, or running). */
    private ShimSpec startDetached(ShimSpec.Interactive i, String... args) throws Exception {
        ShimSpec spec = f.spec(args).interactive(i).build();
        int code = f.runner.startDetached(spec, f.bundle, Duration.ofSeconds(20));
        assertEquals(0, code, Files.readString(f.bundle.resolve(ShimRunner.MESSAGES)));
        return spec;
    }

    private ExitStatus awaitExit() throws Exception {
        Path exit = tmp.resolve("exit.json");
        Path shimPid = tmp.resolve("shim.pid");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (ExitStatus.read(exit).isEmpty() && Files.exists(shimPid) && System.nanoTime() < deadline) Thread.sleep(20);
        if (Files.exists(shimPid)) {
            long shim = Long.parseLong(Files.readString(shimPid).trim());
            while (Files.exists(Path.of("/proc/" + shim)) && System.nanoTime() < deadline) Thread.sleep(20);
        }
        return ExitStatus.read(exit).orElseThrow(() -> new AssertionError("no exit file"));
    }

    private record Output(String stdout, String stderr) {}

    private static Output demux(ShimAttach a) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        a.demux(out, err);
        return new Output(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void stdinOnceFeedsTheContainerAndItsEofEndsIt() throws Exception {
        startDetached(interactive(true, true, false, Duration.ofSeconds(20)), "cat");
        try (ShimAttach a = ShimAttach.connect(sock)) {
            CompletableFuture<Output> out = CompletableFuture.supplyAsync(() -> {
                try {
                    return demux(a);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            a.pumpStdin(new ByteArrayInputStream("hi\nthere\n".getBytes()));
            assertEquals(new Output("hi\nthere\n", ""), out.get(20, TimeUnit.SECONDS));
            // the monitor closes the connection after writing the exit file
            assertEquals(0, ExitStatus.read(tmp.resolve("exit.json")).orElseThrow().exitCode());
        }
        assertEquals("hi\nthere\n", LogEntry.text(LogEntry.readAll(tmp.resolve("container.log")), "stdout"));
        awaitExit();
        assertFalse(Files.exists(sock), "the monitor removes its sockets");
        assertFalse(Files.exists(control));
    }

    @Test
    void outputIsFramedAsDockersMultiplexedStream() throws Exception {
        startDetached(interactive(false, false, false, Duration.ofSeconds(20)),
                "sh", "-c", "echo out; sleep 0.1; echo error >&2; sleep 0.1; exit 4");
        byte[] raw;
        try (var ch = java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            ch.connect(java.net.UnixDomainSocketAddress.of(sock));
            raw = java.nio.channels.Channels.newInputStream(ch).readAllBytes();
        }
        byte[] expected = concat(new byte[] {1, 0, 0, 0, 0, 0, 0, 4}, "out\n".getBytes(),
                new byte[] {2, 0, 0, 0, 0, 0, 0, 6}, "error\n".getBytes());
        assertArrayEquals(expected, raw, new String(raw));
        assertEquals(4, awaitExit().exitCode());
        List<LogEntry> log = LogEntry.readAll(tmp.resolve("container.log"));
        assertEquals(List.of("stdout", "stderr"), log.stream().map(LogEntry::stream).toList());
    }

    @Test
    void attachWaitHoldsTheContainerUntilAClientConnects() throws Exception {
        startDetached(interactive(false, false, false, Duration.ofSeconds(60)), "sh", "-c", "echo first; echo second >&2");
        Thread.sleep(300); // held: were it running, its output would be gone before the client connects
        assertTrue(ExitStatus.read(tmp.resolve("exit.json")).isEmpty(), "the container ran without waiting");
        assertTrue(Files.exists(tmp.resolve("container.pid")), "the pid file is written once the container is held");
        for (Path socket : List.of(sock, control)) {
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
        }
        try (ShimAttach a = ShimAttach.connect(sock)) {
            assertEquals(new Output("first\n", "second\n"), demux(a));
        }
        assertEquals(0, awaitExit().exitCode());
    }

    @Test
    void aForegroundMonitorCanBeAttachedToAsWell() throws Exception {
        ShimProcess p = f.start(f.spec("sh", "-c", "echo hello; exit 6")
                .interactive(interactive(false, false, false, Duration.ofSeconds(60))).build());
        try (ShimAttach a = ShimAttach.awaitConnect(sock, Duration.ofSeconds(20))) {
            assertEquals(new Output("hello\n", ""), demux(a));
        }
        assertEquals(6, p.waitFor(Duration.ofSeconds(20)));
        assertEquals(6, p.exitStatus().orElseThrow().exitCode());
    }

    @Test
    void attachWaitEndsWithoutAClient() throws Exception {
        startDetached(interactive(false, false, false, Duration.ofMillis(50)), "echo", "alone");
        assertEquals(0, awaitExit().exitCode());
        assertEquals("alone\n", LogEntry.text(LogEntry.readAll(tmp.resolve("container.log")), "stdout"));
    }

    @Test
    void aFailureBeforeTheHoldIsTheDetachedAnswer() throws Exception {
        ShimSpec spec = f.spec("nosuchcmd").interactive(interactive(false, false, false, Duration.ofSeconds(60))).build();
        assertEquals(127, f.runner.startDetached(spec, f.bundle, Duration.ofSeconds(20)));
        assertEquals(127, ExitStatus.read(tmp.resolve("exit.json")).orElseThrow().exitCode());
        assertFalse(Files.exists(sock));
    }

    @Test
    void everyClientGetsTheOutputAndStdinStaysOpenWithoutStdinOnce() throws Exception {
        startDetached(interactive(true, false, false, Duration.ofSeconds(20)),
                "sh", "-c", "read a; echo got $a; read b; echo got $b");
        try (ShimAttach one = ShimAttach.connect(sock); ShimAttach two = ShimAttach.connect(sock)) {
            CompletableFuture<Output> first = CompletableFuture.supplyAsync(() -> uncheckedDemux(one));
            CompletableFuture<Output> second = CompletableFuture.supplyAsync(() -> uncheckedDemux(two));
            awaitLogLines(0); // both connected before any output exists: the container waits for stdin
            one.write("x\n".getBytes());
            one.closeStdin(); // without stdin-once the container's stdin stays open
            awaitLogLines(1);
            two.write("y\n".getBytes());
            assertEquals(new Output("got x\ngot y\n", ""), first.get(20, TimeUnit.SECONDS));
            assertEquals(new Output("got x\ngot y\n", ""), second.get(20, TimeUnit.SECONDS));
        }
        assertEquals(0, awaitExit().exitCode());
    }

    @Test
    void ttyGivesThePtyOfTheContainersDevptsRawOutputAndResize() throws Exception {
        startDetached(interactive(true, true, true, Duration.ofSeconds(20)),
                "sh", "-c", "tty; stty size; read l; echo got $l; echo to-stderr >&2");
        ShimAttach.resize(control, 30, 100); // kept by the monitor and applied to the pty before the release
        try (ShimAttach a = ShimAttach.connect(sock)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
                try {
                    a.copyRaw(out);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            awaitText(out, "30 100");
            a.write("hello\n".getBytes());
            reader.get(20, TimeUnit.SECONDS);
            String text = out.toString(StandardCharsets.UTF_8);
            assertEquals("/dev/pts/0\r\n30 100\r\nhello\r\ngot hello\r\nto-stderr\r\n", text);
        }
        assertEquals(0, awaitExit().exitCode());
        List<LogEntry> log = LogEntry.readAll(tmp.resolve("container.log"));
        assertTrue(log.stream().allMatch(e -> e.stream().equals("stdout")), "a tty is logged as stdout: " + log);
        assertEquals("/dev/pts/0\r\n30 100\r\nhello\r\ngot hello\r\nto-stderr\r\n", LogEntry.text(log, "stdout"));
    }

    @Test
    void ttyCanBeResizedWhileRunning() throws Exception {
        startDetached(interactive(true, true, true, Duration.ofSeconds(20)),
                "sh", "-c", "read l; stty size; read l; stty size");
        try (ShimAttach a = ShimAttach.connect(sock)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
                try {
                    a.copyRaw(out);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            ShimAttach.resize(control, 11, 22); // returns once applied
            a.write("\n".getBytes());
            awaitText(out, "11 22");
            ShimAttach.resize(control, 33, 44);
            a.write("\n".getBytes());
            reader.get(20, TimeUnit.SECONDS);
            List<String> sizes = out.toString().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
            assertEquals(List.of("11 22", "33 44"), sizes);
        }
        assertEquals(0, awaitExit().exitCode());
    }

    @Test
    void theShimsAttachClientRelaysStdinAndDemuxesOutput() throws Exception {
        startDetached(interactive(true, true, false, Duration.ofSeconds(20)), "sh", "-c", "cat; echo done >&2; exit 5");
        Path in = Files.writeString(tmp.resolve("in"), "piped\n");
        Path out = tmp.resolve("out");
        Path err = tmp.resolve("err");
        Process p = new ProcessBuilder(ShimBinary.locate(tmp.resolve("bin")).toString(), "attach", sock.toString(), "--stdin")
                .redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), Files.readString(err));
        assertEquals("piped\n", Files.readString(out));
        assertEquals("done\n", Files.readString(err));
        assertEquals(5, awaitExit().exitCode());
        Process none = new ProcessBuilder(ShimBinary.locate(tmp.resolve("bin")).toString(), "attach", sock.toString())
                .redirectErrorStream(true).start();
        String msg = new String(none.getInputStream().readAllBytes());
        assertTrue(none.waitFor(20, TimeUnit.SECONDS));
        assertEquals(125, none.exitValue());
        assertTrue(msg.contains("connect " + sock), msg);
    }

    @Test
    void theShimsAttachClientInATerminalIsRawSendsItsSizeAndRestoresTheTerminal() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")),
                "skipped: script(1) from util-linux gives the client a terminal");
        startDetached(interactive(true, true, true, Duration.ofSeconds(20)), "sh", "-c", "stty size; read l; echo got $l");
        String shim = ShimBinary.locate(tmp.resolve("bin")).toString();
        // script runs the client on a pty of its own; after it, stty -a shows whether the mode came back
        String command = "stty rows 40 cols 90; " + shim + " attach " + sock + " --tty --stdin --control " + control
                + "; echo rc=$?; stty -a";
        Process p = new ProcessBuilder("script", "-qec", command, "/dev/null").redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
            try {
                p.getInputStream().transferTo(out);
            } catch (java.io.IOException e) {
                throw new RuntimeException(e);
            }
        });
        awaitText(out, "40 90"); // the size reached the container's pty before its stty ran
        p.getOutputStream().write("hello\r".getBytes()); // a raw terminal passes the Enter key's \r on as it is
        p.getOutputStream().flush();
        awaitText(out, "rc=0");
        p.getOutputStream().close();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        reader.get(20, TimeUnit.SECONDS);
        String text = out.toString();
        assertTrue(text.contains("got hello"), text);
        assertEquals(1, text.split("hello", -1).length - 2, "echoed once, by the container's pty, not by the client's: " + text);
        String modes = text.substring(text.indexOf("rc=0"));
        assertTrue(modes.contains(" icanon") && modes.contains(" echo "), "the terminal's mode is restored: " + modes);
        assertEquals(0, awaitExit().exitCode());
    }

    @Test
    void aSignalReleasesAHeldContainer() throws Exception {
        startDetached(interactive(false, false, false, Duration.ofSeconds(600)), "sleep", "1000");
        long shim = Long.parseLong(Files.readString(tmp.resolve("shim.pid")).trim());
        ProcessHandle.of(shim).orElseThrow().destroy(); // SIGTERM, as a stop does
        // a PID 1 without handlers would never see it: a held container is killed instead
        ExitStatus exit = awaitExit();
        assertEquals(128 + 9, exit.exitCode());
        assertEquals(9, exit.signal());
        assertEquals(List.of(), LogEntry.readAll(tmp.resolve("container.log")), "the command never ran");
    }

    @Test
    void largeOutputAndInputPassWhole() throws Exception {
        int size = 4 << 20;
        startDetached(interactive(true, true, false, Duration.ofSeconds(20)),
                "sh", "-c", "wc -c >&2; head -c " + size + " /dev/zero");
        try (ShimAttach a = ShimAttach.connect(sock)) {
            CompletableFuture<Output> out = CompletableFuture.supplyAsync(() -> uncheckedDemux(a));
            a.pumpStdin(new ByteArrayInputStream(new byte[3 << 20]));
            Output o = out.get(60, TimeUnit.SECONDS);
            assertEquals(String.valueOf(3 << 20), o.stderr().strip());
            assertEquals(size, o.stdout().length());
            assertTrue(o.stdout().chars().allMatch(c -> c == 0));
        }
        assertEquals(0, awaitExit().exitCode());
    }

    @Test
    void monitorRssStaysSmallWithClients() throws Exception {
        startDetached(interactive(true, true, false, Duration.ofSeconds(20)), "sh", "-c", "while read l; do echo $l; done");
        long shim = Long.parseLong(Files.readString(tmp.resolve("shim.pid")).trim());
        try (ShimAttach one = ShimAttach.connect(sock); ShimAttach two = ShimAttach.connect(sock)) {
            CompletableFuture<Output> first = CompletableFuture.supplyAsync(() -> uncheckedDemux(one));
            CompletableFuture<Output> second = CompletableFuture.supplyAsync(() -> uncheckedDemux(two));
            one.write("x".repeat(100_000).concat("\n").getBytes());
            awaitLogLines(7); // 100,000 bytes are logged as 16 KiB pieces
            long rssKb = Files.readAllLines(Path.of("/proc/" + shim + "/status")).stream()
                    .filter(l -> l.startsWith("VmRSS:")).map(l -> l.replaceAll("\\D", "")).mapToLong(Long::parseLong)
                    .findFirst().orElseThrow();
            System.out.println("berth-shim monitor VmRSS with two attached clients: " + rssKb + " kB");
            one.closeStdin(); // stdin-once: the loop ends
            assertTrue(first.get(20, TimeUnit.SECONDS).stdout().startsWith("x".repeat(100_000)));
            assertTrue(second.get(20, TimeUnit.SECONDS).stdout().startsWith("x".repeat(100_000)));
            assertTrue(rssKb <= 1024, "monitor RSS " + rssKb + " kB with two clients, target ≤ 1 MiB");
        }
        awaitExit();
    }

    @Test
    void aClientThatStopsReadingIsDroppedAndTheContainerGoesOn() throws Exception {
        int size = 2 << 20;
        startDetached(interactive(false, false, false, Duration.ofSeconds(20)), "sh", "-c", "head -c " + size + " /dev/zero; echo end");
        try (ShimAttach stuck = ShimAttach.connect(sock)) {
            // never read: held back, then (10 s without progress) dropped; the container goes on to its end
            ExitStatus exit = awaitExit(Duration.ofSeconds(60));
            assertEquals(0, exit.exitCode());
            List<LogEntry> log = LogEntry.readAll(tmp.resolve("container.log"));
            assertEquals(size + 4, log.stream().mapToInt(e -> e.log().length()).sum(), "the whole output is logged");
        }
    }

    private ExitStatus awaitExit(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ExitStatus.read(tmp.resolve("exit.json")).isEmpty()) {
            if (System.nanoTime() > deadline) throw new AssertionError("no exit file after " + timeout);
            Thread.sleep(50);
        }
        return awaitExit();
    }

    @Test
    void noClientThrowsNamingTheSocket() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> ShimAttach.connect(sock));
        assertTrue(e.getMessage().contains(sock.toString()), e.getMessage());
    }

    private static void awaitText(ByteArrayOutputStream out, String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!out.toString().contains(text)) {
            if (System.nanoTime() > deadline) throw new AssertionError("no '" + text + "' in " + out);
            Thread.sleep(20);
        }
    }

    private void awaitLogLines(int n) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            Path log = tmp.resolve("container.log");
            if (Files.exists(log) && LogEntry.readAll(log).size() >= n) return;
            Thread.sleep(20);
        }
        throw new AssertionError("the log has fewer than " + n + " entries");
    }

    private static Output uncheckedDemux(ShimAttach a) {
        try {
            return demux(a);
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) b.writeBytes(p);
        return b.toByteArray();
    }
}
