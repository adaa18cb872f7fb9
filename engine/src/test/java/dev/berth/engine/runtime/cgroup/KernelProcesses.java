package dev.berth.engine.runtime.cgroup;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Processes for cgroup tests on the real kernel. Each starts "suspended": a shell blocked on
 * {@code read} until {@link #release}, so the test can put its PID into a cgroup before the
 * real command runs (what the shim does before exec). Everything started is killed in {@link #close}.
 */
final class KernelProcesses implements AutoCloseable {

    private final List<Process> started = new ArrayList<>();

    static boolean isRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .anyMatch(l -> l.startsWith("Uid:") && l.split("\\s+")[1].equals("0"));
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code sh -c 'read x; <script>'}: runs {@code script} once released. */
    Process suspended(String script) throws IOException {
        Process p = new ProcessBuilder("/bin/sh", "-c", "read x; " + script)
                .redirectOutput(ProcessBuilder.Redirect.PIPE)
                .redirectError(ProcessBuilder.Redirect.PIPE)
                .start();
        started.add(p);
        return p;
    }

    static void release(Process p) throws IOException {
        OutputStream in = p.getOutputStream();
        in.write('\n');
        in.flush();
    }

    static int awaitExit(Process p) throws InterruptedException {
        if (!p.waitFor(60, TimeUnit.SECONDS)) throw new AssertionError("process " + p.pid() + " did not exit within 60 s");
        return p.exitValue();
    }

    /** The one-letter state in /proc/PID/stat (R, S, D, T, Z…), after the parenthesised comm; X once reaped. */
    static char state(long pid) throws IOException {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        } catch (java.nio.file.NoSuchFileException e) {
            return 'X';
        }
        return stat.charAt(stat.lastIndexOf(')') + 2);
    }

    static String comm(long pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/comm")).strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** /proc/PID/cgroup lines, e.g. {@code 4:memory:/berth-test-x/c1}. */
    static List<String> cgroupLines(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc/" + pid + "/cgroup"));
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
