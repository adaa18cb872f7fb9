package dev.berth.engine.runtime.seccomp;

/**
 * What the kernel does with a syscall: one {@code SECCOMP_RET_*} value. {@code data} is the errno for
 * ERRNO, the value handed to the tracer for TRACE and to the SIGSYS handler for TRAP.
 */
public record SeccompAction(Kind kind, int data) {

    public static final int EPERM = 1;
    public static final int ENOSYS = 38;

    public static final SeccompAction ALLOW = new SeccompAction(Kind.ALLOW, 0);
    public static final SeccompAction LOG = new SeccompAction(Kind.LOG, 0);
    public static final SeccompAction KILL_PROCESS = new SeccompAction(Kind.KILL_PROCESS, 0);
    public static final SeccompAction KILL_THREAD = new SeccompAction(Kind.KILL_THREAD, 0);

    public enum Kind {
        KILL_PROCESS(0x8000_0000),
        KILL_THREAD(0x0000_0000),
        TRAP(0x0003_0000),
        ERRNO(0x0005_0000),
        TRACE(0x7ff0_0000),
        LOG(0x7ffc_0000),
        ALLOW(0x7fff_0000);

        private final int ret;

        Kind(int ret) {
            this.ret = ret;
        }
    }

    public SeccompAction {
        if (data < 0 || data > 0xffff) {
            throw new IllegalArgumentException("seccomp action data must fit 16 bits, got " + data);
        }
    }

    public static SeccompAction errno(int errno) {
        return new SeccompAction(Kind.ERRNO, errno);
    }

    /** The filter's return value: the action in the high 16 bits, {@code data} in the low 16. */
    public int ret() {
        return kind.ret | data;
    }

    /** The action a filter return value stands for (used by tests and diagnostics). */
    public static SeccompAction ofRet(int ret) {
        for (Kind kind : Kind.values()) {
            if (kind == Kind.KILL_THREAD ? ret == 0 : (ret & 0xffff_0000) == kind.ret) {
                return new SeccompAction(kind, ret & 0xffff);
            }
        }
        throw new IllegalArgumentException("not a seccomp return value: 0x" + Integer.toHexString(ret));
    }

    /**
     * Docker's / the OCI spec's action name ({@code SCMP_ACT_ERRNO} ...). Like runc, an ERRNO or TRACE
     * action without an {@code errnoRet} returns EPERM.
     */
    static SeccompAction fromDocker(String name, Integer errnoRet, String where) throws SeccompProfileException {
        int data = errnoRet == null ? EPERM : errnoRet;
        if (data < 0 || data > 0xffff) {
            throw new SeccompProfileException(where + ": errnoRet " + data + " is out of range 0..65535");
        }
        return switch (name) {
            case "SCMP_ACT_ALLOW" -> ALLOW;
            case "SCMP_ACT_LOG" -> LOG;
            case "SCMP_ACT_ERRNO" -> errno(data);
            case "SCMP_ACT_TRACE" -> new SeccompAction(Kind.TRACE, data);
            case "SCMP_ACT_TRAP" -> new SeccompAction(Kind.TRAP, 0);
            case "SCMP_ACT_KILL", "SCMP_ACT_KILL_THREAD" -> KILL_THREAD;
            case "SCMP_ACT_KILL_PROCESS" -> KILL_PROCESS;
            case "SCMP_ACT_NOTIFY" -> throw new SeccompProfileException(where + ": SCMP_ACT_NOTIFY needs a seccomp"
                    + " agent, which berth does not run; use SCMP_ACT_ERRNO or SCMP_ACT_TRACE");
            default -> throw new SeccompProfileException(where + ": unknown action \"" + name
                    + "\"; use one of SCMP_ACT_ALLOW, SCMP_ACT_ERRNO, SCMP_ACT_KILL_PROCESS, SCMP_ACT_KILL_THREAD,"
                    + " SCMP_ACT_TRAP, SCMP_ACT_TRACE, SCMP_ACT_LOG");
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case ERRNO, TRACE, TRAP -> kind + "(" + data + ")";
            default -> kind.toString();
        };
    }
}
