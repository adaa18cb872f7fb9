package dev.berth.engine.image.layer;

import dev.berth.engine.sys.Errno;
import dev.berth.engine.sys.SyscallException;
import dev.berth.engine.sys.Syscalls;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A container's root filesystem: read-only layer directories stacked with overlayfs under one
 * writable upper directory (and its work directory, on the same filesystem).
 */
public final class OverlayMount {

    /** overlayfs refuses more lower layers than this (OVL_MAX_STACK). */
    public static final int MAX_LAYERS = 500;
    /** mount(2) copies at most one page of options, NUL included; longer ones go through {@code lowerdir+}. */
    static final int MAX_OPTIONS_BYTES = 4096 - 1;

    private final Syscalls sys;

    public OverlayMount(Syscalls sys) {
        this.sys = sys;
    }

    /**
     * Mounts {@code lowerTopFirst} (the image's top layer first, its base last) under {@code upper}
     * at {@code target}. All paths must be absolute.
     */
    public void mount(List<Path> lowerTopFirst, Path upper, Path work, Path target) {
        if (lowerTopFirst.isEmpty()) throw new IllegalArgumentException("an overlay needs at least one lower layer");
        if (lowerTopFirst.size() > MAX_LAYERS) {
            throw new OverlayMountException("cannot mount " + target + ": " + lowerTopFirst.size()
                    + " layers, overlayfs stacks at most " + MAX_LAYERS + " (squash the image into fewer layers)");
        }
        String options = options(lowerTopFirst, upper, work);
        int bytes = options.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_OPTIONS_BYTES) {
            mountByParameters(lowerTopFirst, upper, work, target, bytes);
            return;
        }
        try {
            sys.mount("overlay", target, "overlay", 0, options);
        } catch (SyscallException e) {
            throw refused(target, e);
        }
    }

    /**
     * Many layers: mount(2) takes one page of options, so the layers go in one by one through the
     * new mount API's {@code lowerdir+} (Linux 6.8+), the way around the limit that needs no
     * chdir (containerd and Docker chdir in a child process and pass short relative paths).
     */
    void mountByParameters(List<Path> lowerTopFirst, Path upper, Path work, Path target, int optionBytes) {
        List<Map.Entry<String, String>> parameters = new ArrayList<>();
        for (Path lower : lowerTopFirst) {
            if (!lower.isAbsolute()) throw new IllegalArgumentException("overlay paths must be absolute: " + lower);
            parameters.add(Map.entry("lowerdir+", lower.toString())); // one path per call: no escaping
        }
        parameters.add(Map.entry("upperdir", escape(upper))); // still unescaped by the kernel
        parameters.add(Map.entry("workdir", escape(work)));
        try {
            sys.fsmount("overlay", parameters, target);
        } catch (SyscallException e) {
            if (e.errno() == Errno.ENOSYS || (e.errno() == Errno.EINVAL && e.call().startsWith("fsconfig lowerdir+"))) {
                throw new OverlayMountException("cannot mount " + target + ": the overlay options for "
                        + lowerTopFirst.size() + " layers are " + optionBytes + " bytes, mount(2) takes at most "
                        + MAX_OPTIONS_BYTES + " and this kernel cannot add layers one by one (needs Linux 6.8+)"
                        + " (use a shorter BERTH_ROOT path, or squash the image into fewer layers)", e);
            }
            throw refused(target, e);
        }
    }

    private static OverlayMountException refused(Path target, SyscallException e) {
        return new OverlayMountException("cannot mount the overlay root filesystem at " + target + ": "
                + e.getMessage() + hint(e.errno()), e);
    }

    /** Detaches the mount (MNT_DETACH: processes still inside keep it until they leave). */
    public void unmount(Path target) {
        try {
            sys.umount2(target, Syscalls.MNT_DETACH);
        } catch (SyscallException e) {
            throw new OverlayMountException("cannot unmount " + target + ": " + Errno.describe(e.errno())
                    + (e.errno() == Errno.EINVAL ? " (it is not a mount point)" : ""), e);
        }
    }

    /** The mount data: {@code lowerdir=a:b,upperdir=u,workdir=w} with each path escaped. */
    static String options(List<Path> lowerTopFirst, Path upper, Path work) {
        StringBuilder b = new StringBuilder("lowerdir=");
        for (int i = 0; i < lowerTopFirst.size(); i++) {
            if (i > 0) b.append(':');
            b.append(escape(lowerTopFirst.get(i)));
        }
        b.append(",upperdir=").append(escape(upper));
        b.append(",workdir=").append(escape(work));
        return b.toString();
    }

    /**
     * overlayfs splits options at {@code ,} and lowerdir at {@code :} unless a backslash escapes
     * the character, and drops the backslash before resolving the path.
     */
    static String escape(Path p) {
        if (!p.isAbsolute()) throw new IllegalArgumentException("overlay paths must be absolute: " + p);
        String s = p.toString();
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' || c == ',' || c == ':') b.append('\\');
            b.append(c);
        }
        return b.toString();
    }

    private static String hint(int errno) {
        return switch (errno) {
            case Errno.EPERM -> " (mounting needs root: run berthd as root)";
            case Errno.ENODEV -> " (the kernel has no overlay filesystem: load it with `modprobe overlay`)";
            case Errno.ENOENT -> " (a layer, upper or work directory is missing: the layer store is damaged)";
            case Errno.EINVAL -> " (the kernel refused the options: upper and work must be on one filesystem"
                    + " that supports overlay upper dirs, work must not be inside upper; see `dmesg | grep overlay`)";
            default -> "";
        };
    }
}
