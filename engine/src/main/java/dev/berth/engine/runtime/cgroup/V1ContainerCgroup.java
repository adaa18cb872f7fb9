package dev.berth.engine.runtime.cgroup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** A container cgroup on v1: the same relative path in each controller's hierarchy. */
final class V1ContainerCgroup extends ContainerCgroup {

    private final Map<String, Path> controllerDirs; // controller → leaf dir (co-mounted ones share a dir)

    V1ContainerCgroup(String name, Map<String, Path> controllerDirs, CgroupFiles files) {
        super(name, files);
        this.controllerDirs = Map.copyOf(controllerDirs);
    }

    @Override
    public List<Path> directories() {
        return List.copyOf(new LinkedHashSet<>(controllerDirs.values().stream().sorted().toList()));
    }

    private Path require(String controller, String what) throws CgroupException {
        Path d = controllerDirs.get(controller);
        if (d == null) {
            throw new CgroupException("cannot apply " + what + ": the " + controller
                    + " cgroup controller is not mounted (no cgroup v1 '" + controller + "' line in /proc/self/mountinfo)");
        }
        return d;
    }

    @Override
    public void apply(Resources r) throws CgroupException {
        if (r.cpusetCpus() != null) files.write(require("cpuset", "--cpuset-cpus").resolve("cpuset.cpus"), r.cpusetCpus());
        if (r.cpusetMems() != null) files.write(require("cpuset", "--cpuset-mems").resolve("cpuset.mems"), r.cpusetMems());
        applyMemory(r);
        if (r.cpuShares() != null) files.write(require("cpu", "--cpu-shares").resolve("cpu.shares"), r.cpuShares().toString());
        if (r.nanoCpus() != null) {
            Path cpu = require("cpu", "--cpus");
            files.write(cpu.resolve("cpu.cfs_period_us"), Long.toString(Resources.CPU_PERIOD_US));
            files.write(cpu.resolve("cpu.cfs_quota_us"), Long.toString(r.cpuQuotaMicros()));
        }
        if (r.pidsLimit() != null) files.write(require("pids", "--pids-limit").resolve("pids.max"), r.pidsMax());
        if (r.devices() != null) applyDevices(r.devices());
    }

    /** Deny everything, then allow each rule (runc's v1 order); a privileged container allows all. */
    private void applyDevices(DeviceRules rules) throws CgroupException {
        Path devices = require("devices", "the device rules");
        if (rules.allowAll()) {
            files.write(devices.resolve("devices.allow"), "a");
            return;
        }
        files.write(devices.resolve("devices.deny"), "a");
        for (DeviceRule rule : rules.allowed()) files.write(devices.resolve("devices.allow"), rule.cgroupText());
    }

    /**
     * The kernel keeps memory ≤ memory+swap at every step, so the order of the two writes
     * depends on whether the new memory+swap limit is above the current memory limit (runc's order).
     */
    private void applyMemory(Resources r) throws CgroupException {
        if (r.memory() == null && r.memorySwap() == null) return;
        Path mem = require("memory", "--memory");
        Path limit = mem.resolve("memory.limit_in_bytes");
        Path memsw = mem.resolve("memory.memsw.limit_in_bytes");
        if (r.memorySwap() != null && !Files.exists(memsw)) {
            throw new CgroupException("cannot apply --memory-swap: this kernel has no swap accounting ("
                    + memsw + " does not exist; boot with swapaccount=1), or drop the swap limit"
                    + " (Resources.withoutSwapLimit, what Docker does with a warning)");
        }
        if (r.memory() != null && r.memorySwap() != null) {
            long current = CgroupFiles.readLong(limit);
            if (r.memorySwap() == -1 || current < r.memorySwap()) {
                files.write(memsw, r.memorySwap().toString());
                files.write(limit, r.memory().toString());
            } else {
                files.write(limit, r.memory().toString());
                files.write(memsw, r.memorySwap().toString());
            }
        } else if (r.memory() != null) {
            files.write(limit, r.memory().toString());
        } else {
            files.write(memsw, r.memorySwap().toString());
        }
    }

    @Override
    public void freeze() throws CgroupException {
        setFreezerState("FROZEN");
    }

    @Override
    public void thaw() throws CgroupException {
        setFreezerState("THAWED");
    }

    /** The v1 freezer may stay FREEZING while a task is busy in the kernel: write again until it settles. */
    private void setFreezerState(String wanted) throws CgroupException {
        Path state = require("freezer", "freeze").resolve("freezer.state");
        long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000;
        while (true) {
            files.write(state, wanted);
            String now = CgroupFiles.read(state);
            if (now.equals(wanted)) return;
            if (System.nanoTime() > deadline) {
                if (wanted.equals("FROZEN")) files.write(state, "THAWED");
                throw new CgroupException("cannot set " + state + " to " + wanted + ": still " + now
                        + " after " + WAIT_MILLIS + " ms (a process is stuck in the kernel)");
            }
            pause();
        }
    }

    @Override
    public boolean frozen() throws CgroupException {
        return CgroupFiles.read(require("freezer", "freeze").resolve("freezer.state")).equals("FROZEN");
    }

    @Override
    public CgroupStats stats() throws CgroupException {
        Path cpuacct = controllerDirs.get("cpuacct");
        Path memory = controllerDirs.get("memory");
        Path pids = controllerDirs.get("pids");
        long memLimit = memory == null ? -1 : CgroupFiles.readLong(memory.resolve("memory.limit_in_bytes"));
        return new CgroupStats(
                cpuacct == null ? -1 : CgroupFiles.readLong(cpuacct.resolve("cpuacct.usage")),
                memory == null ? -1 : CgroupFiles.readLong(memory.resolve("memory.usage_in_bytes")),
                memLimit >= UNLIMITED_V1 ? -1 : memLimit, // "unlimited" reads as PAGE_COUNTER_MAX pages
                pids == null ? -1 : CgroupFiles.readLong(pids.resolve("pids.current")),
                pids == null ? -1 : CgroupFiles.readLimit(pids.resolve("pids.max")));
    }

    private static final long UNLIMITED_V1 = 1L << 62;

    /**
     * From {@code memory.oom_control}: its {@code oom_kill} counter (kernel 4.13+). Older kernels
     * lack it; then "the cgroup is under OOM or its limit was hit" ({@code under_oom},
     * {@code memory.failcnt}, {@code memory.memsw.failcnt}) is the best available sign.
     */
    @Override
    public boolean oomKilled() throws CgroupException {
        Path mem = require("memory", "OOM check");
        Path control = mem.resolve("memory.oom_control");
        long kills = CgroupFiles.readKey(control, "oom_kill");
        if (kills >= 0) return kills > 0;
        Path memswFailures = mem.resolve("memory.memsw.failcnt");
        return CgroupFiles.readKey(control, "under_oom") > 0 || CgroupFiles.readLong(mem.resolve("memory.failcnt")) > 0
                || Files.exists(memswFailures) && CgroupFiles.readLong(memswFailures) > 0;
    }

    @Override
    public void killAll() throws CgroupException {
        boolean frozen = false;
        if (controllerDirs.containsKey("freezer")) {
            try {
                freeze();
                frozen = true;
            } catch (CgroupException stuck) {
                // kill anyway; the second round below catches what forked meanwhile
            }
        }
        try {
            for (long pid : pids()) sigkill(pid);
        } finally {
            // a frozen task dies of SIGKILL only once it runs again
            if (frozen) thaw();
        }
        // a process forked between reading the PIDs and the signal (no freezer) gets another round
        List<Long> left = awaitEmpty();
        for (long pid : left) sigkill(pid);
        awaitEmpty();
    }
}
