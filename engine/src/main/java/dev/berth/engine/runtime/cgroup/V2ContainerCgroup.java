package dev.berth.engine.runtime.cgroup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** A container cgroup on the v2 unified hierarchy: one leaf directory. */
final class V2ContainerCgroup extends ContainerCgroup {

    private final Path dir;
    private final Set<String> controllers; // offered by the hierarchy root

    V2ContainerCgroup(String name, Path dir, Set<String> controllers, CgroupFiles files) {
        super(name, files);
        this.dir = dir;
        this.controllers = Set.copyOf(controllers);
    }

    @Override
    public List<Path> directories() {
        return List.of(dir);
    }

    private void require(String controller, String what) throws CgroupException {
        if (!controllers.contains(controller)) {
            throw new CgroupException("cannot apply " + what + ": the cgroup v2 hierarchy does not offer the "
                    + controller + " controller (see cgroup.controllers at its root; on a hybrid host the"
                    + " controllers are bound to v1 hierarchies)");
        }
    }

    @Override
    public void apply(Resources r) throws CgroupException {
        if (r.cpusetCpus() != null) {
            require("cpuset", "--cpuset-cpus");
            files.write(dir.resolve("cpuset.cpus"), r.cpusetCpus());
        }
        if (r.cpusetMems() != null) {
            require("cpuset", "--cpuset-mems");
            files.write(dir.resolve("cpuset.mems"), r.cpusetMems());
        }
        if (r.memorySwap() != null) {
            require("memory", "--memory-swap");
            Path swap = dir.resolve("memory.swap.max");
            if (!Files.exists(swap)) {
                throw new CgroupException("cannot apply --memory-swap: this kernel has no swap accounting ("
                        + swap + " does not exist), or drop the swap limit (Resources.withoutSwapLimit)");
            }
            files.write(swap, r.swapMaxV2());
        }
        if (r.memory() != null) {
            require("memory", "--memory");
            files.write(dir.resolve("memory.max"), r.memory().toString());
        }
        if (r.cpuShares() != null) {
            require("cpu", "--cpu-shares");
            files.write(dir.resolve("cpu.weight"), Long.toString(Resources.cpuWeight(r.cpuShares())));
        }
        if (r.nanoCpus() != null) {
            require("cpu", "--cpus");
            files.write(dir.resolve("cpu.max"), r.cpuQuotaMicros() + " " + Resources.CPU_PERIOD_US);
        }
        if (r.pidsLimit() != null) {
            require("pids", "--pids-limit");
            files.write(dir.resolve("pids.max"), r.pidsMax());
        }
        if (r.devices() != null) applyDevices(r.devices());
    }

    /**
     * v2 has no device files: the rules become an eBPF program attached to the directory (runc's
     * fs2 devices, crun's ebpf.c). Programs attached before (an earlier apply) are detached once
     * the new one is in place, so there is never a moment without one. The cgroup holds the
     * program: it is freed with the cgroup, and nothing else needs cleaning up.
     */
    private void applyDevices(DeviceRules rules) throws CgroupException {
        try {
            List<Integer> before = Bpf.attachedDevicePrograms(dir);
            if (!rules.allowAll()) {
                byte[] program = DeviceFilterProgram.encode(DeviceFilterProgram.instructions(rules));
                int fd = Bpf.loadDeviceProgram(program, "Apache");
                try {
                    Bpf.attachDeviceProgram(fd, dir);
                } finally {
                    Bpf.close(fd);
                }
            }
            for (int id : before) Bpf.detachDeviceProgram(id, dir);
        } catch (Bpf.BpfException e) {
            throw new CgroupException("cannot apply the device rules to cgroup " + dir + ": " + e.getMessage()
                    + " (cgroup v2 devices are an eBPF program: this needs root with CAP_SYS_ADMIN and a kernel with"
                    + " CONFIG_CGROUP_BPF)", e);
        }
    }

    /** The IDs of the eBPF device programs attached to this cgroup (empty: every device allowed). */
    List<Integer> devicePrograms() throws CgroupException {
        try {
            return Bpf.attachedDevicePrograms(dir);
        } catch (Bpf.BpfException e) {
            throw new CgroupException("cannot list the device programs of cgroup " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void freeze() throws CgroupException {
        setFrozen(true);
    }

    @Override
    public void thaw() throws CgroupException {
        setFrozen(false);
    }

    /** Writes cgroup.freeze and polls cgroup.events until the kernel reports the new state (runc fs2/freezer.go). */
    private void setFrozen(boolean frozen) throws CgroupException {
        files.write(dir.resolve("cgroup.freeze"), frozen ? "1" : "0");
        long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000;
        while (frozen() != frozen) {
            if (System.nanoTime() > deadline) {
                if (frozen) files.write(dir.resolve("cgroup.freeze"), "0");
                throw new CgroupException("cgroup " + dir + " did not become " + (frozen ? "frozen" : "thawed")
                        + " within " + WAIT_MILLIS + " ms (cgroup.events frozen stays " + (frozen ? 0 : 1) + ")");
            }
            pause();
        }
    }

    @Override
    public boolean frozen() throws CgroupException {
        return CgroupFiles.readKey(dir.resolve("cgroup.events"), "frozen") == 1;
    }

    @Override
    public CgroupStats stats() throws CgroupException {
        long cpuUsec = Files.exists(dir.resolve("cpu.stat")) ? CgroupFiles.readKey(dir.resolve("cpu.stat"), "usage_usec") : -1;
        boolean mem = Files.exists(dir.resolve("memory.current"));
        boolean pids = Files.exists(dir.resolve("pids.current"));
        return new CgroupStats(
                cpuUsec < 0 ? -1 : cpuUsec * 1000,
                mem ? CgroupFiles.readLong(dir.resolve("memory.current")) : -1,
                mem ? CgroupFiles.readLimit(dir.resolve("memory.max")) : -1,
                pids ? CgroupFiles.readLong(dir.resolve("pids.current")) : -1,
                pids ? CgroupFiles.readLimit(dir.resolve("pids.max")) : -1);
    }

    /** memory.events counts OOM kills of this cgroup and its descendants ({@code oom_kill}). */
    @Override
    public boolean oomKilled() throws CgroupException {
        require("memory", "OOM check");
        return CgroupFiles.readKey(dir.resolve("memory.events"), "oom_kill") > 0;
    }

    /** cgroup.kill (kernel 5.14+) kills everything at once, forks included; else freeze, SIGKILL each, thaw. */
    @Override
    public void killAll() throws CgroupException {
        Path kill = dir.resolve("cgroup.kill");
        if (Files.exists(kill)) {
            files.write(kill, "1");
        } else {
            freeze();
            try {
                for (long pid : pids()) sigkill(pid);
            } finally {
                thaw();
            }
        }
        awaitEmpty();
    }
}
