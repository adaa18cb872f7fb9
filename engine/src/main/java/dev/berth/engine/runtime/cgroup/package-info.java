/**
 * Container cgroups on cgroup v1 (and hybrid hosts, whose controllers are v1) and v2.
 *
 * <p>{@link dev.berth.engine.runtime.cgroup.CgroupLayout#detect()} finds the layout;
 * {@link dev.berth.engine.runtime.cgroup.Cgroups} creates {@code <parent>/<id>} in every hierarchy
 * (parent {@code berth} by default) and applies Docker-style
 * {@link dev.berth.engine.runtime.cgroup.Resources}; the shim writes the container PID into
 * {@link dev.berth.engine.runtime.cgroup.ContainerCgroup#procsFiles()} before it execs. What is
 * written follows runc's {@code cgroups/fs} (v1) and {@code cgroups/fs2} (v2) managers. The device
 * cgroup ({@link dev.berth.engine.runtime.cgroup.DeviceRules}) is {@code devices.deny}/{@code devices.allow}
 * on v1 and an eBPF program attached to the cgroup directory on v2 ({@code DeviceFilterProgram}, {@code Bpf}).
 */
package dev.berth.engine.runtime.cgroup;
