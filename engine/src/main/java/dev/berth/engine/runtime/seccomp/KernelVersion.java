package dev.berth.engine.runtime.seccomp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A kernel's major.minor version, for profile rules with {@code minKernel}. */
public record KernelVersion(int major, int minor) implements Comparable<KernelVersion> {

    private static final Pattern VERSION = Pattern.compile("^(\\d+)\\.(\\d+)");
    private static final Path OSRELEASE = Path.of("/proc/sys/kernel/osrelease");

    /** {@code "6.18.44-fc"}, {@code "4.8"} → major.minor. */
    public static KernelVersion parse(String release) {
        Matcher m = VERSION.matcher(release.strip());
        if (!m.find()) {
            throw new IllegalArgumentException("not a kernel version: \"" + release + "\" (expected major.minor...)");
        }
        return new KernelVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** The running kernel's version, from {@code /proc/sys/kernel/osrelease}. */
    public static KernelVersion running() throws IOException {
        return parse(Files.readString(OSRELEASE));
    }

    public boolean atLeast(KernelVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(KernelVersion other) {
        return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
