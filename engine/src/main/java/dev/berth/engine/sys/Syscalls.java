package dev.berth.engine.sys;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The few Linux system calls berth's engine makes from Java, behind an interface so the logic
 * above them can be tested on a fake and the real calls on the real kernel (as youki does).
 * Every call throws {@link SyscallException} naming the call, the path and the errno.
 * Calls never follow a symlink in the last path component (the {@code l*} variants).
 */
public interface Syscalls {

    /** mount(2) flag: detach lazily in {@link #umount2}. */
    int MNT_DETACH = 2;

    /** File type bits for {@link #mknod}, as in {@code <sys/stat.h>}. */
    int S_IFIFO = 0010000;
    int S_IFCHR = 0020000;
    int S_IFBLK = 0060000;

    /** The real kernel, through the JDK's foreign function API. */
    static Syscalls linux() {
        return LinuxSyscalls.INSTANCE;
    }

    void mount(String source, Path target, String fsType, long flags, String data) throws SyscallException;

    /**
     * Mounts a filesystem through the new mount API (fsopen, fsconfig, fsmount, move_mount), setting
     * string parameters one by one, in order: no one-page limit on options, no escaping, and the
     * kernel's own error text in the exception (Linux 5.2+; overlayfs's {@code lowerdir+} since 6.8).
     */
    void fsmount(String fsType, List<Map.Entry<String, String>> parameters, Path target) throws SyscallException;

    void umount2(Path target, int flags) throws SyscallException;

    /** Makes a device node or fifo; {@code mode} is the file type bits or'ed with the permissions. */
    void mknod(Path path, int mode, int major, int minor) throws SyscallException;

    void lchown(Path path, int uid, int gid) throws SyscallException;

    void lsetxattr(Path path, String name, byte[] value) throws SyscallException;

    /** The attribute's value, or empty when the file has no such attribute (ENODATA). */
    Optional<byte[]> lgetxattr(Path path, String name) throws SyscallException;

    /** Sets access and modification time (seconds, nanoseconds) without following a symlink. */
    void lutimes(Path path, long seconds, int nanos) throws SyscallException;

    /** statx(2) of the path itself (not a symlink's target). */
    FileStat lstat(Path path) throws SyscallException;

    /** What {@link #lstat} tells: identity, link count and the space the file really occupies. */
    record FileStat(long dev, long ino, int nlink, int mode, long size, long blocks) {
        /** Bytes allocated on disk: {@code st_blocks} are 512-byte units whatever the block size. */
        public long allocatedBytes() {
            return blocks * 512;
        }
    }
}
