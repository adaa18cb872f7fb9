package dev.berth.engine.sys;

import java.io.IOException;

/** A system call failed: says which, on what path, and the kernel's errno. */
public final class SyscallException extends IOException {

    private final String call;
    private final String path;
    private final int errno;

    public SyscallException(String call, String path, int errno) {
        this(call, path, errno, "");
    }

    /** With what the kernel logged about the failure (the new mount API's message log), if anything. */
    public SyscallException(String call, String path, int errno, String kernelMessage) {
        super(call + "(" + path + "): " + Errno.describe(errno)
                + (kernelMessage.isBlank() ? "" : ": kernel says: " + kernelMessage.strip()));
        this.call = call;
        this.path = path;
        this.errno = errno;
    }

    public String call() {
        return call;
    }

    public String path() {
        return path;
    }

    public int errno() {
        return errno;
    }
}
