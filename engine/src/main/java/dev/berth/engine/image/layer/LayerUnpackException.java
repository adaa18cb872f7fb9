package dev.berth.engine.image.layer;

import dev.berth.engine.image.Digest;
import dev.berth.engine.image.ImageException;
import dev.berth.engine.sys.Errno;
import dev.berth.engine.sys.SyscallException;

/** The kernel refused a call while unpacking a layer (not the tar's fault): says which call, and what to do. */
public final class LayerUnpackException extends ImageException {

    public LayerUnpackException(Digest diffId, SyscallException cause) {
        super("cannot unpack layer " + diffId + ": " + cause.getMessage() + hint(cause.errno()) + " (nothing was kept)", cause);
    }

    private static String hint(int errno) {
        return switch (errno) {
            case Errno.EPERM, Errno.EACCES -> " (unpacking layers needs root: device nodes, whiteouts, file owners"
                    + " and trusted.* attributes; run berthd as root)";
            case Errno.ENOSPC -> " (the disk holding BERTH_ROOT is full: free space or prune images)";
            case Errno.ENOTSUP -> " (the filesystem under BERTH_ROOT lacks extended attributes: use ext4 or xfs)";
            default -> "";
        };
    }
}
