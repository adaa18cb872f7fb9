package dev.berth.engine.runtime.cgroup;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One container's cgroup: a leaf directory in every v1 hierarchy berth uses, or one in the v2
 * hierarchy. The shim writes the container's PID into {@link #procsFiles()} before it execs,
 * so everything the container forks stays inside.
 */
public abstract sealed class ContainerCgroup permits V1ContainerCgroup, V2ContainerCgroup {

    /** How long freeze, kill and remove wait for the kernel before giving up (not a tuning knob). */
    static final long WAIT_MILLIS = 10_000;

    private final String name;
    final CgroupFiles files;

    ContainerCgroup(String name, CgroupFiles files) {
        this.name = name;
        this.files = files;
    }

    /** The path below each hierarchy root, e.g. {@code berth/<container id>}. */
    public String name() {
        return name;
    }

    /** The leaf directories, one per hierarchy. */
    public abstract List<Path> directories();

    /** The {@code cgroup.procs} files a PID must be written into (one per hierarchy). */
    public List<Path> procsFiles() {
        return directories().stream().map(d -> d.resolve("cgroup.procs")).toList();
    }

    /** Moves {@code pid} (and its future children) into this cgroup, in every hierarchy. */
    public void addProcess(long pid) throws CgroupException {
        for (Path procs : procsFiles()) files.write(procs, Long.toString(pid));
    }

    /** Writes the limits that are set in {@code resources}; unset ones stay as they are. */
    public abstract void apply(Resources resources) throws CgroupException;

    /** Stops every process (docker pause); returns once the kernel reports the cgroup frozen. */
    public abstract void freeze() throws CgroupException;

    /** Lets the processes run again (docker unpause). */
    public abstract void thaw() throws CgroupException;

    public abstract boolean frozen() throws CgroupException;

    public abstract CgroupStats stats() throws CgroupException;

    /** Whether the kernel's OOM killer killed a process of this cgroup. */
    public abstract boolean oomKilled() throws CgroupException;

    /** The processes in the cgroup (every hierarchy; normally all the same). */
    public List<Long> pids() throws CgroupException {
        Set<Long> pids = new LinkedHashSet<>();
        for (Path procs : procsFiles()) {
            if (Files.exists(procs)) pids.addAll(CgroupFiles.readPids(procs));
        }
        return new ArrayList<>(pids);
    }

    /**
     * SIGKILLs every process ({@code rm -f}) and waits until the cgroup is empty. Frozen first
     * so that nothing forks while the PIDs are read and killed.
     */
    public abstract void killAll() throws CgroupException;

    /** SIGKILL by PID; never the JVM itself, and only a process that is still the one listed. */
    static void sigkill(long pid) {
        if (pid == ProcessHandle.current().pid()) return;
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }

    /** Waits (bounded) until no process is left; returns the ones that stayed. */
    List<Long> awaitEmpty() throws CgroupException {
        long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000;
        List<Long> left = pids();
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            pause();
            left = pids();
        }
        return left;
    }

    /**
     * Removes the leaf directories. rmdir fails with EBUSY while exiting processes drain, so
     * it retries; if processes remain, {@link CgroupBusyException} names the directory.
     */
    public void remove() throws CgroupException {
        remove(WAIT_MILLIS);
    }

    void remove(long waitMillis) throws CgroupException {
        for (Path dir : directories()) rmdir(dir, waitMillis);
    }

    static void rmdir(Path dir) throws CgroupException {
        rmdir(dir, WAIT_MILLIS);
    }

    static void rmdir(Path dir, long waitMillis) throws CgroupException {
        long deadline = System.nanoTime() + waitMillis * 1_000_000;
        while (true) {
            try {
                Files.delete(dir); // rmdir(2): cgroupfs removes the control files with it
                return;
            } catch (NoSuchFileException e) {
                return;
            } catch (DirectoryNotEmptyException e) {
                throw new CgroupException("cannot remove cgroup " + dir + ": it has child cgroups; remove them first", e);
            } catch (FileSystemException e) {
                boolean busy = e.getReason() != null && e.getReason().contains("busy");
                if (!busy) throw new CgroupException("cannot remove cgroup " + dir + ": " + CgroupFiles.reason(e), e);
                List<Path> children = childCgroups(dir);
                if (!children.isEmpty()) {
                    throw new CgroupException("cannot remove cgroup " + dir + ": it has child cgroups " + children
                            + "; remove them first", e);
                }
                if (System.nanoTime() > deadline) {
                    Path procs = dir.resolve("cgroup.procs");
                    List<Long> pids = Files.exists(procs) ? CgroupFiles.readPids(procs) : List.of();
                    throw new CgroupBusyException(dir, pids);
                }
                pause();
            } catch (IOException e) {
                throw new CgroupException("cannot remove cgroup " + dir + ": " + CgroupFiles.reason(e), e);
            }
        }
    }

    static List<Path> childCgroups(Path dir) throws CgroupException {
        try (var entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).toList();
        } catch (IOException e) {
            throw new CgroupException("cannot list " + dir + ": " + CgroupFiles.reason(e), e);
        }
    }

    static void pause() throws CgroupException {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CgroupException("interrupted while waiting for the cgroup kernel state", e);
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + directories();
    }
}
