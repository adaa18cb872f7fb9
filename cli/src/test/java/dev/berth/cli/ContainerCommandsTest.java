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

/**
 * The single-container commands as a user types them, against the berthd the first command
 * starts: run options (env file, binds, tmpfs, user names, restart), start/restart/kill/pause/wait,
 * top, stats, info, ps filters, and the daemon's start on first use.
 */
class ContainerCommandsTest {

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

    private BerthRun ok(String... args) {
        return engine.ok(args);
    }

    private BerthRun berth(String... args) {
        return engine.berth(args);
    }

    private static String readHostname() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String awaitLog(String name, String text) throws InterruptedException {
        String logs = "";
        for (int i = 0; i < 200 && !logs.contains(text); i++) {
            Thread.sleep(50);
            logs = ok("logs", name).out();
        }
        assertTrue(logs.contains(text), "log of " + name + " shows " + text + ": " + logs);
        return logs;
    }

    @Test
    void theFirstCommandStartsBerthdAndVersionShowsBothSides() {
        assertFalse(Files.exists(dir.resolve("run/berthd.sock")));
        assertEquals("", ok("ps", "-q").out());
        assertTrue(Files.exists(dir.resolve("run/berthd.sock")), "started on first use");
        String version = ok("version").out();
        assertTrue(version.contains("Server: berthd"), version);
        String info = ok("info").out();
        assertTrue(info.contains("Containers: 0") && info.contains("Images: 1") && info.contains("Storage Driver: overlay"), info);
    }

    @Test
    void runOptionsReachTheContainer() throws IOException {
        Files.writeString(dir.resolve("app.env"), "# settings\nGREETING=hello world\nFROM_SHELL\n");
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("in.txt"), "from the host\n");
        String out = ok("run", "--rm", "--env-file", "app.env", "-v", data + ":/data:ro", "--tmpfs", "/scratch:size=1m",
                "-u", "www", "-w", "/scratch", "busybox", "sh", "-c",
                "echo $GREETING; id; cat /data/in.txt; echo x > /data/out 2>/dev/null || echo ro; "
                        + "echo y > /scratch/f && echo tmpfs-ok; pwd; echo home=$HOME; df -k /scratch | tail -1").out();
        assertTrue(out.contains("hello world\n"), out);
        assertTrue(out.contains("uid=33(www) gid=33(www) groups=33(www),50(staff)"), "user name, group and its supplementary group: " + out);
        assertTrue(out.contains("from the host\n") && out.contains("ro\n"), "a read-only bind: " + out);
        assertTrue(out.contains("tmpfs-ok\n") && out.contains("/scratch\n") && out.contains("home=/var/www"), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("tmpfs\\s+1024\\s.*")), "the tmpfs has its size: " + out);
        assertFalse(Files.exists(data.resolve("out")));

        assertEquals("100\n200\n", ok("run", "--rm", "--ulimit", "nofile=100:200", "busybox", "sh", "-c", "ulimit -n; ulimit -Hn").out());
        BerthRun tooHigh = berth("run", "--rm", "--ulimit", "nofile=1:99999999999", "busybox", "true");
        assertEquals(125, tooHigh.exitCode(), tooHigh::toString);
        assertTrue(tooHigh.err().contains("RLIMIT_NOFILE") && tooHigh.err().contains("CAP_SYS_RESOURCE"), tooHigh::toString);
        String custom = ok("run", "--rm", "-h", "web", "--domainname", "example.org", "--dns", "10.9.9.9", "--dns-search", "x.example",
                "--add-host", "db.local:10.1.1.1", "busybox", "sh", "-c", "cat /etc/resolv.conf; tail -1 /etc/hosts").out();
        assertEquals("nameserver 10.9.9.9\nsearch x.example\n10.1.1.1\tdb.local\n",
                custom.replaceAll("(?m)^options .*\n", ""), custom);
        String files = ok("run", "--rm", "-h", "web", "busybox", "cat", "/etc/hosts", "/etc/resolv.conf").out();
        assertTrue(files.startsWith("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n"), files);
        assertTrue(files.lines().filter(l -> l.startsWith("nameserver ")).noneMatch(l -> l.startsWith("nameserver 127.")),
                "no localhost resolver in a container's own network namespace: " + files);
        String host = ok("run", "--rm", "--network", "host", "busybox", "hostname").out().strip();
        assertEquals(readHostname(), host, "the host's name on its network");
        BerthRun unknown = berth("run", "--rm", "-u", "nobody", "busybox", "true");
        assertEquals(125, unknown.exitCode(), unknown::toString);
        assertTrue(unknown.err().contains("unable to find user nobody: no matching entries in passwd file"), unknown::toString);
        BerthRun named = berth("run", "--rm", "-v", "vol:/data", "-v", "other:/data", "busybox", "true");
        assertEquals(1, named.exitCode());
        assertTrue(named.err().contains("Duplicate mount point: /data"), named::toString);
        assertEquals("", ok("ps", "-a", "-q").out(), "refused before anything was recorded");
    }

    @Test
    void lifecycleCommandsLikeDockers() throws Exception {
        ok("run", "-d", "--name", "svc", "--stop-signal", "SIGUSR1", "busybox", "sh", "-c",
                "trap 'echo usr1; exit 0' USR1; trap 'echo hup' HUP; echo up; while true; do sleep 0.2; done");
        awaitLog("svc", "up");
        assertEquals("svc\n", ok("kill", "-s", "HUP", "svc").out());
        awaitLog("svc", "hup");
        assertTrue(ok("ps", "--filter", "name=sv").out().contains("svc"));
        assertEquals("", ok("ps", "-q", "--filter", "status=exited").out());

        String top = ok("top", "svc").out();
        assertTrue(top.startsWith("UID") && top.contains("PID") && top.contains("sh -c"), top);
        String stats = ok("stats", "--no-stream", "svc").out();
        assertTrue(stats.contains("CPU %") && stats.lines().anyMatch(l -> l.contains("svc") && l.matches(".*[0-9.]+[KMG]iB / [0-9.]+[KMGT]iB.*")), stats);

        assertEquals("svc\n", ok("pause", "svc").out());
        assertTrue(ok("ps").out().contains("(Paused)"));
        BerthRun twice = berth("pause", "svc");
        assertEquals(1, twice.exitCode());
        assertTrue(twice.err().startsWith("Error response from daemon: "), twice::toString);
        ok("unpause", "svc");

        assertEquals("svc\n", ok("stop", "svc").out());
        assertTrue(ok("logs", "svc").out().contains("usr1"), "the container's own stop signal");
        assertEquals("0\n", ok("wait", "svc").out());
        ok("start", "svc");
        assertTrue(ok("ps").out().contains("Up "));
        ok("restart", "-t", "1", "svc");
        assertTrue(ok("logs", "--tail", "1", "svc").out().lines().count() <= 1);
        ok("rm", "-f", "svc");

        BerthRun many = berth("stop", "nothere", "neither");
        assertEquals(1, many.exitCode());
        assertEquals(2, many.err().lines().filter(l -> l.startsWith("Error response from daemon: No such container")).count(), many::toString);
    }

    @Test
    void execRunsInTheContainersNamespacesAndSecurity() throws Exception {
        ok("run", "-d", "--name", "box", "-e", "FROM_RUN=1", "busybox", "sleep", "300");
        String out = ok("exec", "box", "sh", "-c",
                "cat /proc/1/cmdline | tr '\\0' ' '; echo; hostname; grep -E '^(CapEff|Seccomp):' /proc/self/status; echo run=$FROM_RUN").out();
        assertTrue(out.startsWith("sleep 300 \n"), "PID 1 is the container's command: " + out);
        assertTrue(out.contains("CapEff:\t00000000a80425fb") && out.contains("Seccomp:\t2") && out.contains("run=1"), out);
        String cgroups = ok("exec", "box", "cat", "/proc/self/cgroup").out();
        assertTrue(cgroups.lines().anyMatch(l -> l.matches("\\d+:pids:/")), "in the container's cgroup (namespaced): " + cgroups);
        assertEquals("uid=33(www) gid=33(www) groups=33(www),50(staff)\n/tmp\nX=1\n",
                ok("exec", "-u", "www", "-w", "/tmp", "-e", "X=1", "box", "sh", "-c", "id; pwd; echo X=$X").out());
        BerthRun three = berth("exec", "box", "sh", "-c", "echo oops >&2; exit 3");
        assertEquals(3, three.exitCode());
        assertEquals("oops\n", three.err());
        assertEquals(127, berth("exec", "box", "nosuch").exitCode());
        assertEquals("hello\n", BerthRun.in(dir, engine.env(), "hello\n", "exec", "-i", "box", "cat").out(), "-i passes stdin");
        String priv = ok("exec", "--privileged", "box", "grep", "-E", "^(CapEff|Seccomp):", "/proc/self/status").out();
        assertTrue(priv.contains("Seccomp:\t0") && !priv.contains("a80425fb"), priv);
        ok("pause", "box");
        BerthRun paused = berth("exec", "box", "true");
        assertEquals(1, paused.exitCode());
        assertTrue(paused.err().contains("is paused"), paused::toString);
        ok("stop", "-t", "0", "box");
        BerthRun stopped = berth("exec", "box", "true");
        assertTrue(stopped.err().contains("is not running"), stopped::toString);
        ok("rm", "box");
    }

    @Test
    void runInteractiveAndWithATerminal() {
        BerthRun piped = BerthRun.in(dir, engine.env(), "line one\nline two\n", "run", "--rm", "-i", "busybox", "sh", "-c",
                "cat; echo done; echo to-err >&2; exit 2");
        assertEquals(2, piped.exitCode(), piped::toString);
        assertEquals("line one\nline two\ndone\n", piped.out(), "stdin reached the container and its EOF ended cat");
        assertEquals("to-err\n", piped.err());
        BerthRun tty = berth("run", "--rm", "-t", "busybox", "sh", "-c", "tty; test -t 1 && echo stdout-is-a-tty");
        assertEquals(0, tty.exitCode(), tty::toString);
        assertEquals("/dev/pts/0\r\nstdout-is-a-tty\r\n", tty.out(), "a pty of the container's own (CRLF: the terminal's line discipline)");
        assertEquals("", ok("ps", "-a", "-q").out());
    }

    @Test
    void attachToARunningContainer() {
        ok("run", "-d", "-i", "--name", "cat", "busybox", "sh", "-c", "cat; echo bye; exit 6");
        BerthRun attached = BerthRun.in(dir, engine.env(), "hello\n", "attach", "cat");
        assertEquals(6, attached.exitCode(), attached::toString);
        assertEquals("hello\nbye\n", attached.out(), "stdin reached cat; its EOF ended it");
        ok("run", "-d", "--name", "late", "busybox", "sh", "-c", "sleep 1; echo late; exit 4");
        BerthRun output = berth("attach", "late");
        assertEquals(4, output.exitCode(), output::toString);
        assertEquals("late\n", output.out(), "the output from the attach on");
        BerthRun stopped = berth("attach", "late");
        assertTrue(stopped.err().contains("You cannot attach to a stopped container"), stopped::toString);
        ok("rm", "cat", "late");
    }

    @Test
    void onFailureRestartsTwiceThenStays() throws Exception {
        ok("run", "-d", "--name", "flaky", "--restart", "on-failure:2", "busybox", "sh", "-c", "echo try; exit 2");
        String status = "";
        for (int i = 0; i < 200; i++) {
            var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(ok("inspect", "flaky").out()).get(0);
            status = json.at("/State/Status").asText() + " " + json.get("RestartCount").asInt();
            if (status.equals("exited 2")) break;
            Thread.sleep(50);
        }
        assertEquals("exited 2", status);
        assertEquals("2\n", ok("wait", "flaky").out());
        assertEquals(3, ok("logs", "flaky").out().lines().filter("try"::equals).count());
        ok("rm", "flaky");
    }

    @Test
    void sysctlsAreSetInTheContainersNamespacesOnly() throws Exception {
        String hostShmmax = Files.readString(Path.of("/proc/sys/kernel/shmmax")).strip();
        String out = ok("run", "--rm", "--network", "none", "--sysctl", "net.ipv4.ip_forward=1", "--sysctl", "kernel.shmmax=123456",
                "busybox", "sh", "-c", "cat /proc/sys/net/ipv4/ip_forward /proc/sys/kernel/shmmax").out();
        assertEquals("1\n123456\n", out);
        assertEquals(hostShmmax, Files.readString(Path.of("/proc/sys/kernel/shmmax")).strip(), "the host's value is untouched");
        BerthRun hostWide = berth("run", "--rm", "--sysctl", "kernel.hostname=x", "busybox", "true");
        assertEquals(1, hostWide.exitCode(), hostWide::toString);
        assertTrue(hostWide.err().contains("sysctl \"kernel.hostname\" is not in a separate kernel namespace"), hostWide::toString);
        BerthRun onHost = berth("run", "--rm", "--network", "host", "--sysctl", "net.ipv4.ip_forward=1", "busybox", "true");
        assertEquals(1, onHost.exitCode(), onHost::toString);
        assertTrue(onHost.err().contains("not allowed in host network namespace"), onHost::toString);
    }
}
