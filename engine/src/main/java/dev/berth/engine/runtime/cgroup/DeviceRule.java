package dev.berth.engine.runtime.cgroup;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One device cgroup rule in the v1 text form, {@code c 1:3 rwm}: type {@code c} (char), {@code b}
 * (block) or {@code a} (all); major and minor, {@link #ANY} for {@code *}; access, any of
 * {@code r} (read), {@code w} (write), {@code m} (mknod). {@code allow} says whether it grants or denies.
 */
public record DeviceRule(char type, long major, long minor, String access, boolean allow) {

    public static final long ANY = -1;

    private static final Pattern TEXT = Pattern.compile("([acb]) (\\*|\\d+):(\\*|\\d+) ([rwm]{1,3})");

    public DeviceRule {
        if (type != 'a' && type != 'c' && type != 'b') throw new IllegalArgumentException("device type must be a, c or b, got " + type);
        if (major < ANY || minor < ANY || major > 0xffffffffL || minor > 0xffffffffL) {
            throw new IllegalArgumentException("device numbers must be 0..2^32-1 or * (got " + major + ":" + minor + ")");
        }
        if (access.isEmpty() || !access.matches("[rwm]+") || access.chars().distinct().count() != access.length()) {
            throw new IllegalArgumentException("device access must be letters of rwm, each once, got '" + access + "'");
        }
    }

    public static DeviceRule allow(char type, long major, long minor, String access) {
        return new DeviceRule(type, major, minor, access, true);
    }

    public static DeviceRule deny(char type, long major, long minor, String access) {
        return new DeviceRule(type, major, minor, access, false);
    }

    /**
     * An allow rule from Docker's {@code --device-cgroup-rule} text ({@code c 1:3 mr}, {@code a *:* rwm}),
     * which is the v1 {@code devices.allow} format.
     */
    public static DeviceRule parse(String text) {
        Matcher m = TEXT.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid device cgroup rule '" + text
                    + "': write TYPE MAJOR:MINOR ACCESS, e.g. 'c 1:3 rwm' or 'b 8:* r' (type a, b or c; * for any number)");
        }
        return allow(m.group(1).charAt(0), number(m.group(2)), number(m.group(3)), m.group(4));
    }

    private static long number(String s) {
        return s.equals("*") ? ANY : Long.parseLong(s);
    }

    /** The v1 control-file text: {@code c 1:3 rwm}, {@code c 136:* rwm}, {@code a} for "every device, every access". */
    public String cgroupText() {
        if (type == 'a' && major == ANY && minor == ANY && access.length() == 3) return "a";
        return type + " " + (major == ANY ? "*" : Long.toString(major)) + ":" + (minor == ANY ? "*" : Long.toString(minor))
                + " " + access;
    }

    /** Whether this rule covers a request (v1's match_exception: the type, both numbers, and every wanted access). */
    public boolean covers(char requestType, long requestMajor, long requestMinor, String requestAccess) {
        if (type != 'a' && type != requestType) return false;
        if (major != ANY && major != requestMajor) return false;
        if (minor != ANY && minor != requestMinor) return false;
        return requestAccess.chars().allMatch(c -> access.indexOf(c) >= 0);
    }

    /** Access as the eBPF context encodes it: mknod 1, read 2, write 4 (BPF_DEVCG_ACC_*). */
    int accessBits() {
        int bits = 0;
        if (access.indexOf('m') >= 0) bits |= 1;
        if (access.indexOf('r') >= 0) bits |= 2;
        if (access.indexOf('w') >= 0) bits |= 4;
        return bits;
    }
}
