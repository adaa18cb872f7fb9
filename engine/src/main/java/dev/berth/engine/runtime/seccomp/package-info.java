/**
 * Seccomp for berth containers: Docker's profile format ({@link dev.berth.engine.runtime.seccomp.SeccompProfile},
 * for {@code --security-opt seccomp=profile.json}), berth's own default profile with the effect of Docker's
 * ({@link dev.berth.engine.runtime.seccomp.DefaultSeccompProfile}), and a compiler to classic BPF
 * ({@link dev.berth.engine.runtime.seccomp.SeccompCompiler}).
 *
 * <p>The engine compiles in Java; berth-shim only loads. The hand-over is a file written by
 * {@link dev.berth.engine.runtime.seccomp.BpfProgram#write}: the {@code struct sock_filter} array, 8 bytes an
 * instruction (u16 code, u8 jt, u8 jf, u32 k, little endian), at most 4096 instructions, length = size / 8.
 * The shim reads it into a {@code struct sock_fprog} and calls {@code seccomp(SECCOMP_SET_MODE_FILTER, 0, &prog)}
 * (or {@code prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog)}): before dropping capabilities when
 * no_new_privs is off (loading then needs CAP_SYS_ADMIN), after setting no_new_privs when it is on, as runc
 * orders it. A privileged container gets no filter, as in Docker.
 *
 * <pre>{@code
 * BpfProgram filter = SeccompCompiler.compile(DefaultSeccompProfile.profile(), caps, KernelVersion.running());
 * filter.write(bundle.resolve("seccomp.bpf"));
 * }</pre>
 */
package dev.berth.engine.runtime.seccomp;
