package dev.berth.engine.network.link;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import dev.berth.engine.sys.SyscallException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * An rtnetlink socket ({@code socket(AF_NETLINK, SOCK_RAW|SOCK_CLOEXEC, NETLINK_ROUTE)}): sends one
 * request at a time and reads the kernel's answer, turning an error into a {@link NetlinkException}
 * that names the operation and the interface.
 *
 * <p>A netlink socket talks to the network namespace of the thread that OPENED it, for its whole
 * life: open it on the thread that is in the namespace you mean (see {@link NetNs#run}). Not
 * thread-safe: one request at a time.
 */
public final class NetlinkSocket implements AutoCloseable {

    private static final int RECEIVE_BUFFER = 64 * 1024;

    private final int fd;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment receiveBuffer = arena.allocate(RECEIVE_BUFFER, 8);
    private int sequence = (int) (System.nanoTime() & 0x3fffffff);
    private boolean closed;

    private NetlinkSocket(int fd) {
        this.fd = fd;
    }

    /** Opens a socket on the calling thread's network namespace. */
    public static NetlinkSocket open() throws SyscallException {
        int fd = Native.socket(Native.AF_NETLINK, Native.SOCK_RAW | Native.SOCK_CLOEXEC, Native.NETLINK_ROUTE);
        try {
            // the kernel's own words in errors (Linux 4.12+), and acks without a copy of our request
            Native.setsockopt(fd, Native.SOL_NETLINK, Native.NETLINK_EXT_ACK, 1, "NETLINK_EXT_ACK");
            Native.setsockopt(fd, Native.SOL_NETLINK, Native.NETLINK_CAP_ACK, 1, "NETLINK_CAP_ACK");
        } catch (SyscallException older) {
            // an older kernel: plain errno only, still correct
        }
        return new NetlinkSocket(fd);
    }

    /** Sends a change request with NLM_F_ACK and waits for the kernel's ack; a refusal throws. */
    void execute(NetlinkMessage request, String operation, String subject) throws NetlinkException {
        exchange(request, Rtnl.NLM_F_ACK, operation, subject, false);
    }

    /** Sends a get request for one object; its reply message (header included). */
    ByteBuffer query(NetlinkMessage request, String operation, String subject) throws NetlinkException {
        List<ByteBuffer> replies = exchange(request, Rtnl.NLM_F_ACK, operation, subject, false);
        if (replies.isEmpty()) throw new NetlinkException(operation, subject, 61 /* ENODATA */, "no reply");
        return replies.getFirst();
    }

    /** Sends a dump request; every reply message (header included) until NLMSG_DONE. */
    List<ByteBuffer> dump(NetlinkMessage request, String operation, String subject) throws NetlinkException {
        return exchange(request, Rtnl.NLM_F_DUMP, operation, subject, true);
    }

    private List<ByteBuffer> exchange(NetlinkMessage request, int extraFlags, String operation, String subject,
                                      boolean untilDone) throws NetlinkException {
        if (closed) throw new IllegalStateException("netlink socket is closed");
        int seq = ++sequence;
        byte[] bytes = request.bytes(seq);
        ByteBuffer header = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
        header.putShort(6, (short) (header.getShort(6) | extraFlags));
        List<ByteBuffer> replies = new ArrayList<>();
        try (Arena call = Arena.ofConfined()) {
            MemorySegment out = call.allocate(bytes.length, 8);
            MemorySegment.copy(bytes, 0, out, JAVA_BYTE, 0, bytes.length);
            Native.sendToKernel(fd, out, operation + " " + subject);
            while (true) {
                int n = Native.recv(fd, receiveBuffer, operation + " " + subject);
                ByteBuffer datagram = ByteBuffer.wrap(receiveBuffer.asSlice(0, n).toArray(JAVA_BYTE))
                        .order(ByteOrder.nativeOrder());
                int at = 0;
                while (at + NetlinkMessage.HEADER_LENGTH <= n) {
                    int length = datagram.getInt(at);
                    int type = Short.toUnsignedInt(datagram.getShort(at + 4));
                    int flags = Short.toUnsignedInt(datagram.getShort(at + 6));
                    int replySeq = datagram.getInt(at + 8);
                    if (length < NetlinkMessage.HEADER_LENGTH || at + length > n) break;
                    ByteBuffer message = datagram.slice(at, length).order(ByteOrder.nativeOrder());
                    at += NetlinkMessage.align(length);
                    if (replySeq != seq) continue; // a late answer to an earlier request
                    if (type == Rtnl.NLMSG_ERROR) {
                        int error = message.getInt(NetlinkMessage.HEADER_LENGTH);
                        if (error != 0) {
                            throw new NetlinkException(operation, subject, -error, extendedAck(message, flags));
                        }
                        return replies; // the ack
                    }
                    if (type == Rtnl.NLMSG_DONE) {
                        int error = length >= 20 ? message.getInt(NetlinkMessage.HEADER_LENGTH) : 0;
                        if (error < 0) throw new NetlinkException(operation, subject, -error, "");
                        return replies;
                    }
                    replies.add(message);
                    if (!untilDone && (flags & Rtnl.NLM_F_MULTI) == 0 && (extraFlags & Rtnl.NLM_F_ACK) == 0) {
                        return replies;
                    }
                }
            }
        } catch (SyscallException e) {
            throw new NetlinkException(operation, subject + " (" + e.getMessage() + ")", e.errno(), "");
        }
    }

    /** The kernel's text (NLMSGERR_ATTR_MSG) after the echoed request header, if it sent one. */
    private static String extendedAck(ByteBuffer error, int flags) {
        if ((flags & Rtnl.NLM_F_ACK_TLVS) == 0) return "";
        int echoed = (flags & Rtnl.NLM_F_CAPPED) != 0
                ? NetlinkMessage.HEADER_LENGTH
                : NetlinkMessage.align(error.getInt(NetlinkMessage.HEADER_LENGTH + 4));
        int start = NetlinkMessage.HEADER_LENGTH + 4 + echoed;
        if (start > error.limit()) return "";
        return NetlinkAttributes.parse(error, start, error.limit()).string(Rtnl.NLMSGERR_ATTR_MSG).orElse("");
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        Native.close(fd);
        arena.close();
    }
}
