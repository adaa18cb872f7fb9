package dev.berth.engine.network.link;

import dev.berth.engine.sys.Errno;
import java.io.IOException;

/**
 * The kernel refused an rtnetlink request: says what berth was doing ({@code "create veth"}), on
 * which interface or address, the errno and, when the kernel gave one, its own explanation
 * (extended ack), plus what to do for the errors a user can fix.
 */
public final class NetlinkException extends IOException {

    private final String operation;
    private final String subject;
    private final int errno;

    public NetlinkException(String operation, String subject, int errno, String kernelMessage) {
        super(operation + " " + subject + ": " + Errno.describe(errno)
                + (kernelMessage == null || kernelMessage.isBlank() ? "" : ": kernel says: " + kernelMessage.strip())
                + hint(errno, subject));
        this.operation = operation;
        this.subject = subject;
        this.errno = errno;
    }

    /** What berth was doing, e.g. {@code "create bridge"}. */
    public String operation() {
        return operation;
    }

    /** The interface (or address, route) the request was about. */
    public String subject() {
        return subject;
    }

    public int errno() {
        return errno;
    }

    private static String hint(int errno, String subject) {
        return switch (errno) {
            case Errno.EEXIST -> " (" + subject + " already exists: delete it first or choose another name)";
            case Errno.ENODEV -> " (no such network interface in this network namespace)";
            case Errno.EPERM -> " (changing network interfaces needs root, CAP_NET_ADMIN)";
            case 95 /* EOPNOTSUPP */ -> " (the kernel lacks this link type: is its module loaded?)";
            default -> "";
        };
    }
}
