package dev.berth.engine.api;

/**
 * One reading of a container's cgroup, for {@code berth stats}: CPU time so far (two readings
 * give a percentage), memory use and limit, process count. -1: unknown or unlimited.
 */
public record ContainerStats(String id, String name, java.time.Instant read, long cpuUsageNanos, long systemCpuNanos,
                             int onlineCpus, long memoryUsageBytes, long memoryLimitBytes, long pidsCurrent) {}
