package dev.berth.engine.runtime.cgroup;

/**
 * Container resource limits as Docker's flags state them; {@code null} means "not set", and
 * nothing is written for it.
 *
 * @param memory      {@code --memory}, bytes
 * @param memorySwap  {@code --memory-swap}: memory plus swap, bytes; -1 unlimited swap
 * @param nanoCpus    {@code --cpus} × 10⁹ (Docker's NanoCPUs)
 * @param cpuShares   {@code --cpu-shares} (v1 relative weight, 1024 is the default)
 * @param cpusetCpus  {@code --cpuset-cpus}, e.g. {@code 0-1,3}
 * @param cpusetMems  {@code --cpuset-mems}
 * @param pidsLimit   {@code --pids-limit}; 0 or -1 unlimited
 * @param devices     the device cgroup: {@link DeviceRules#dockerDefault()}, or
 *                    {@link DeviceRules#allowAllDevices()} for {@code --privileged}
 */
public record Resources(Long memory, Long memorySwap, Long nanoCpus, Long cpuShares,
                        String cpusetCpus, String cpusetMems, Long pidsLimit, DeviceRules devices) {

    /** The CFS period Docker uses for {@code --cpus} (moby daemon_unix.go). */
    public static final long CPU_PERIOD_US = 100_000;

    public static final Resources NONE = new Resources(null, null, null, null, null, null, null, null);

    public Resources {
        if (memory != null && memory <= 0) throw new IllegalArgumentException("memory must be positive, got " + memory);
        if (memorySwap != null && memorySwap != -1) {
            if (memory == null) {
                throw new IllegalArgumentException("a memory+swap limit needs a memory limit too (--memory with --memory-swap)");
            }
            if (memorySwap < memory) {
                throw new IllegalArgumentException("memory+swap limit " + memorySwap
                        + " is smaller than the memory limit " + memory + "; it must be at least as large");
            }
        }
        if (nanoCpus != null && nanoCpus <= 0) throw new IllegalArgumentException("cpus must be positive");
        if (cpuShares != null && cpuShares < 0) throw new IllegalArgumentException("cpu shares must not be negative");
    }

    public Resources withMemory(long bytes) {
        return new Resources(bytes, memorySwap, nanoCpus, cpuShares, cpusetCpus, cpusetMems, pidsLimit, devices);
    }

    public Resources withMemorySwap(long bytes) {
        return new Resources(memory, bytes, nanoCpus, cpuShares, cpusetCpus, cpusetMems, pidsLimit, devices);
    }

    public Resources withCpus(double cpus) {
        return new Resources(memory, memorySwap, Math.round(cpus * 1e9), cpuShares, cpusetCpus, cpusetMems, pidsLimit, devices);
    }

    public Resources withCpuShares(long shares) {
        return new Resources(memory, memorySwap, nanoCpus, shares, cpusetCpus, cpusetMems, pidsLimit, devices);
    }

    public Resources withCpusetCpus(String cpus) {
        return new Resources(memory, memorySwap, nanoCpus, cpuShares, cpus, cpusetMems, pidsLimit, devices);
    }

    public Resources withCpusetMems(String mems) {
        return new Resources(memory, memorySwap, nanoCpus, cpuShares, cpusetCpus, mems, pidsLimit, devices);
    }

    public Resources withPidsLimit(long limit) {
        return new Resources(memory, memorySwap, nanoCpus, cpuShares, cpusetCpus, cpusetMems, limit, devices);
    }

    /** The device cgroup rules (v1 devices.allow/deny, v2 an eBPF device program). */
    public Resources withDevices(DeviceRules rules) {
        return new Resources(memory, memorySwap, nanoCpus, cpuShares, cpusetCpus, cpusetMems, pidsLimit, rules);
    }

    /** Docker's daemon default: {@code --memory} without {@code --memory-swap} allows as much swap again. */
    public Resources withDockerSwapDefault() {
        return memory != null && memorySwap == null ? withMemorySwap(memory * 2) : this;
    }

    /** What Docker does on a kernel without swap accounting: warn, and limit memory only. */
    public Resources withoutSwapLimit() {
        return new Resources(memory, null, nanoCpus, cpuShares, cpusetCpus, cpusetMems, pidsLimit, devices);
    }

    /** CFS quota for {@code --cpus} in µs per {@link #CPU_PERIOD_US} (Docker: NanoCPUs × period / 10⁹). */
    public long cpuQuotaMicros() {
        return nanoCpus * CPU_PERIOD_US / 1_000_000_000L;
    }

    /** pids.max text: {@code max} for 0/-1 (Docker's "unlimited"). */
    public String pidsMax() {
        return pidsLimit <= 0 ? "max" : Long.toString(pidsLimit);
    }

    /** v2 {@code memory.swap.max}: swap alone, i.e. memory+swap minus memory; {@code max} for -1. */
    public String swapMaxV2() {
        return memorySwap == -1 ? "max" : Long.toString(memorySwap - memory);
    }

    /**
     * v2 {@code cpu.weight} for v1 shares, runc's {@code ConvertCPUSharesToCgroupV2Value} (crun's
     * {@code convert_shares_to_weight}): a quadratic in log2(shares) through 2→1, 1024→100, 262144→10000.
     */
    public static long cpuWeight(long shares) {
        if (shares <= 2) return 1;
        if (shares >= 262_144) return 10_000;
        double l = log2(shares);
        double exponent = (l * l + 125 * l) / 612.0 - 7.0 / 34.0;
        return (long) Math.ceil(Math.pow(10, exponent));
    }

    private static final double LOG2_E = 1.4426950408889634; // Go's math.Log2E, 1/ln 2

    /** Go's math.Log2: exact for powers of two, which keeps 1024 → 100 (not 101). */
    private static double log2(long x) {
        int exp = 63 - Long.numberOfLeadingZeros(x); // x = frac · 2^(exp+1), frac in [0.5, 1)
        double frac = x / Math.scalb(1.0, exp + 1);
        if (frac == 0.5) return exp;
        return Math.log(frac) * LOG2_E + (exp + 1);
    }
}
