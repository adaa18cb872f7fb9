package dev.berth.engine.sys;

import java.util.Map;

/** The errno values berth reacts to, and a readable name for any errno (Linux, all arches we run on). */
public final class Errno {

    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int EACCES = 13;
    public static final int EBUSY = 16;
    public static final int EEXIST = 17;
    public static final int ENOTDIR = 20;
    public static final int EINVAL = 22;
    public static final int ENOSPC = 28;
    public static final int ENODEV = 19;
    public static final int ENODATA = 61;
    public static final int ENOSYS = 38;
    public static final int ENOTSUP = 95;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(EPERM, "EPERM"), Map.entry(ENOENT, "ENOENT"), Map.entry(EACCES, "EACCES"),
            Map.entry(EBUSY, "EBUSY"), Map.entry(EEXIST, "EEXIST"), Map.entry(ENOTDIR, "ENOTDIR"),
            Map.entry(EINVAL, "EINVAL"), Map.entry(ENOSPC, "ENOSPC"), Map.entry(ENODEV, "ENODEV"),
            Map.entry(ENODATA, "ENODATA"), Map.entry(ENOSYS, "ENOSYS"), Map.entry(ENOTSUP, "ENOTSUP"),
            Map.entry(7, "E2BIG"), Map.entry(12, "ENOMEM"), Map.entry(30, "EROFS"),
            Map.entry(36, "ENAMETOOLONG"), Map.entry(39, "ENOTEMPTY"), Map.entry(40, "ELOOP"),
            Map.entry(18, "EXDEV"), Map.entry(34, "ERANGE"));

    private Errno() {}

    /** {@code "EINVAL (Invalid argument)"}: the name for grepping, the C library's text for reading. */
    public static String describe(int errno) {
        String name = NAMES.getOrDefault(errno, "errno " + errno);
        return name + " (" + LinuxSyscalls.strerror(errno) + ")";
    }
}
