package dev.berth.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.engine.runtime.cgroup.CgroupLayout;
import dev.berth.engine.runtime.cgroup.Cgroups;
import dev.berth.engine.runtime.cgroup.ContainerCgroup;
import dev.berth.engine.runtime.cgroup.Resources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ContainerProcessesTest {

    private final String parent = "berth-test-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<Process> started = new ArrayList<>();
    private Cgroups cgroups;

    @AfterEach
    void leaveNothing() throws Exception {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        if (cgroups == null) return;
        for (String id : cgroups.list()) {
            cgroups.open(id).killAll();
            cgroups.open(id).remove();
        }
        cgroups.removeParent();
        for (Path dir : cgroups.parentDirectories()) assertTrue(!Files.exists(dir), dir + " left behind");
    }

    /** {@code sh -c 'read x; <script>'} started now, moved into {@code cgroup}, then let run. */
    private Process inCgroup(ContainerCgroup cgroup, String script) throws IOException {
        Process p = new ProcessBuilder("/bin/sh", "-c", "read x; " + script).redirectErrorStream(true).start();
        started.add(p);
        cgroup.addProcess(p.pid());
        p.getOutputStream().write('\n');
        p.getOutputStream().flush();
        return p;
    }

    /** The table matches what the host's own {@code ps -ef} prints for the same PIDs, column by column. */
    @Test
    void sameRowsAsPsEf() throws Exception {
        assumeTrue(ImageUsersTest.isRoot(), "skipped: cgroups need root");
        assumeTrue(Files.isExecutable(Path.of("/bin/ps")) && Files.isExecutable(Path.of("/usr/bin/setpriv"))
                && Files.isExecutable(Path.of("/usr/bin/perl")), "skipped: needs procps's ps, util-linux's setpriv and perl");
        cgroups = new Cgroups(CgroupLayout.detect(), parent);
        ContainerCgroup cgroup = cgroups.create("top1", Resources.NONE);

        inCgroup(cgroup, "exec sleep 301");
        // a zombie (sleep never reaps the child the shell forked before exec) is not in cgroup.procs:
        // the kernel unlists exited tasks, so docker top does not show it either
        inCgroup(cgroup, "true & exec sleep 302");
        // argv with double spaces inside an argument: kept as they are (perl keeps its argv, unlike sleep)
        inCgroup(cgroup, "exec perl -e 'sleep 305' 'with  two spaces'");
        inCgroup(cgroup, "exec setpriv --reuid=4242 --regid=4242 --clear-groups sleep 303");
        String longName = longUserName();
        if (longName != null) inCgroup(cgroup, "exec setpriv --reuid=" + longName + " --regid=0 --clear-groups sleep 304");
        int expected = longName == null ? 4 : 5;
        awaitCommands(cgroup, expected);

        ProcessTable ours = new ContainerProcesses().top(cgroup);
        assertEquals(List.of("UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"), ours.titles());
        assertEquals(expected, ours.processes().size(), ours.toString());
        assertEquals(psEf(new HashSet<>(cgroup.pids())), ours.processes());

        List<String> cmds = ours.processes().stream().map(r -> r.get(7)).toList();
        assertTrue(cmds.contains("sleep 302"), cmds.toString());
        assertTrue(cmds.contains("perl -e sleep 305 with  two spaces"), cmds.toString());
        assertTrue(ours.processes().stream().anyMatch(r -> r.get(0).equals("4242")), "a UID without a name is a number");
        if (longName != null) {
            assertTrue(ours.processes().stream().anyMatch(r -> r.get(0).equals(longName.substring(0, 7) + "+")));
        }
    }

    @Test
    void anExitedProcessIsLeftOut() throws Exception {
        ProcessTable t = new ContainerProcesses().top(List.of(ProcessHandle.current().pid(), 999_999_999L));
        assertEquals(1, t.processes().size());
        assertEquals(Long.toString(ProcessHandle.current().pid()), t.processes().getFirst().get(1));
    }

    @Test
    void columnFormatsAsProcps() {
        assertEquals("00:00:00", ContainerProcesses.cpuTime(0));
        assertEquals("01:01:01", ContainerProcesses.cpuTime(3661));
        assertEquals("1-01:01:01", ContainerProcesses.cpuTime(90061));
        assertEquals("?", ContainerProcesses.tty(0));
        assertEquals("pts/3", ContainerProcesses.tty(136 << 8 | 3));
        assertEquals("pts/300", ContainerProcesses.tty(137 << 8 | 44));
        assertEquals("tty1", ContainerProcesses.tty(4 << 8 | 1));
        assertEquals("ttyS0", ContainerProcesses.tty(4 << 8 | 64));
        Map<Long, String> users = Map.of(0L, "root", 998L, "systemd-network", 1000L, "eightchr");
        assertEquals("root", ContainerProcesses.userName(0, users));
        assertEquals("eightchr", ContainerProcesses.userName(1000, users));
        assertEquals("systemd+", ContainerProcesses.userName(998, users));
        assertEquals("65534", ContainerProcesses.userName(65534, users));
        assertEquals("sh -c x", ContainerProcesses.command("sh\0-c\0x\0".getBytes(), "sh", 'S'));
        assertEquals("[kthreadd]", ContainerProcesses.command(new byte[0], "kthreadd", 'S'));
        assertEquals("[sh] <defunct>", ContainerProcesses.command(new byte[0], "sh", 'Z'));
        ZoneId utc = ZoneId.of("UTC");
        ZonedDateTime now = ZonedDateTime.of(2026, 11, 28, 15, 30, 0, 0, utc);
        assertEquals("09:05", ContainerProcesses.startTime(ZonedDateTime.of(2026, 11, 28, 9, 5, 0, 0, utc), now));
        assertEquals("Nov27", ContainerProcesses.startTime(ZonedDateTime.of(2026, 11, 27, 23, 59, 0, 0, utc), now));
        assertEquals("Feb03", ContainerProcesses.startTime(ZonedDateTime.of(2026, 2, 3, 1, 0, 0, 0, utc), now));
        assertEquals("2025", ContainerProcesses.startTime(ZonedDateTime.of(2025, 12, 31, 23, 0, 0, 0, utc), now));
    }

    /** Waits until every process exec'd its final command (and the zombie exists), so ps and we see the same thing. */
    private void awaitCommands(ContainerCgroup cgroup, int count) throws Exception {
        for (int i = 0; i < 2000; i++) {
            List<Long> pids = cgroup.pids();
            boolean ready = pids.size() == count;
            for (long pid : pids) {
                String cmd = new String(readOrEmpty(Path.of("/proc/" + pid + "/cmdline")));
                String stat = new String(readOrEmpty(Path.of("/proc/" + pid + "/stat")));
                boolean zombie = stat.contains(") Z ");
                if (!zombie && !cmd.startsWith("sleep") && !cmd.startsWith("perl")) ready = false;
            }
            if (ready) return;
            Thread.sleep(10);
        }
        StringBuilder why = new StringBuilder();
        for (long pid : cgroup.pids()) why.append(pid).append(": ").append(new String(readOrEmpty(Path.of("/proc/" + pid + "/stat")))).append('\n');
        for (Process p : started) if (!p.isAlive()) why.append("exited ").append(p.exitValue()).append(": ").append(new String(p.getInputStream().readAllBytes()));
        throw new AssertionError("processes did not settle: " + why);
    }

    private static byte[] readOrEmpty(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /** {@code ps -ef} rows for {@code pids}, split as Docker splits them (7 columns, then the rest is CMD). */
    private static List<List<String>> psEf(Set<Long> pids) throws Exception {
        Process ps = new ProcessBuilder("ps", "-ef").redirectErrorStream(true).start();
        String out = new String(ps.getInputStream().readAllBytes());
        assertEquals(0, ps.waitFor());
        List<List<String>> rows = new ArrayList<>();
        for (String line : out.lines().skip(1).toList()) {
            String[] f = line.trim().split("\\s+", 8);
            if (pids.contains(Long.parseLong(f[1]))) rows.add(List.of(f));
        }
        rows.sort((a, b) -> Long.compare(Long.parseLong(a.get(1)), Long.parseLong(b.get(1))));
        return rows;
    }

    /** A host user whose name is longer than ps's 8 columns (Debian has systemd-network), or null. */
    private static String longUserName() throws IOException {
        for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
            String[] f = line.split(":");
            if (f.length > 2 && f[0].length() > 8 && f[0].matches("[a-z-]+")) return f[0];
        }
        return null;
    }
}
