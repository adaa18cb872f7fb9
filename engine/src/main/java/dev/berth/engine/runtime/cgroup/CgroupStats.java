package dev.berth.engine.runtime.cgroup;

/**
 * What a container's cgroup has used. -1 means unlimited for a limit, unknown for a usage
 * (the controller is not there).
 *
 * @param cpuUsageNanos    CPU time of all its processes (v1 cpuacct.usage, v2 cpu.stat usage_usec × 1000)
 * @param memoryUsageBytes v1 memory.usage_in_bytes, v2 memory.current
 * @param memoryLimitBytes v1 memory.limit_in_bytes, v2 memory.max
 * @param pidsCurrent      pids.current
 * @param pidsLimit        pids.max
 */
public record CgroupStats(long cpuUsageNanos, long memoryUsageBytes, long memoryLimitBytes,
                          long pidsCurrent, long pidsLimit) {}
