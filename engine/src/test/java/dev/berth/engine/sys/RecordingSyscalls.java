package dev.berth.engine.sys;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A fake kernel for unit tests: records every call as a line of text and fails the ones the test
 * asks to fail, so the logic above {@link Syscalls} is tested without root (as youki does).
 */
public final class RecordingSyscalls implements Syscalls {

    public final List<String> calls = new ArrayList<>();
    private Function<String, SyscallException> failure = call -> null;

    /** Calls whose recorded line starts with {@code prefix} fail with {@code errno}. */
    public RecordingSyscalls failing(String prefix, int errno) {
        Function<String, SyscallException> before = failure;
        failure = call -> call.startsWith(prefix) ? new SyscallException(call.split(" ")[0], "fake", errno) : before.apply(call);
        return this;
    }

    private void record(String call) throws SyscallException {
        calls.add(call);
        SyscallException e = failure.apply(call);
        if (e != null) throw e;
    }

    @Override
    public void mount(String source, Path target, String fsType, long flags, String data) throws SyscallException {
        record("mount " + fsType + " " + target + " " + data);
    }

    @Override
    public void fsmount(String fsType, List<Map.Entry<String, String>> parameters, Path target) throws SyscallException {
        for (Map.Entry<String, String> p : parameters) {
            calls.add("fsconfig " + p.getKey() + "=" + p.getValue());
            SyscallException e = failure.apply("fsconfig " + p.getKey());
            if (e != null) throw new SyscallException("fsconfig " + p.getKey() + "=" + p.getValue(), target.toString(), e.errno());
        }
        record("fsmount " + fsType + " " + target);
    }

    @Override
    public void umount2(Path target, int flags) throws SyscallException {
        record("umount2 " + target + " " + flags);
    }

    @Override
    public void mknod(Path path, int mode, int major, int minor) throws SyscallException {
        record("mknod " + path + " " + Integer.toOctalString(mode) + " " + major + ":" + minor);
    }

    @Override
    public void lchown(Path path, int uid, int gid) throws SyscallException {
        record("lchown " + path + " " + uid + ":" + gid);
    }

    @Override
    public void lsetxattr(Path path, String name, byte[] value) throws SyscallException {
        record("lsetxattr " + path + " " + name);
    }

    @Override
    public Optional<byte[]> lgetxattr(Path path, String name) throws SyscallException {
        record("lgetxattr " + path + " " + name);
        return Optional.empty();
    }

    @Override
    public void lutimes(Path path, long seconds, int nanos) throws SyscallException {
        record("lutimes " + path + " " + seconds);
    }

    @Override
    public FileStat lstat(Path path) throws SyscallException {
        record("lstat " + path);
        return new FileStat(0, 0, 1, 0100644, 0, 0);
    }
}
