package dev.berth.engine.runtime.shim;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A client of a container's attach socket (spec directive {@code attach}; protocol in the shim's
 * {@code attach.c}): the container's output from the moment of connecting — in Docker's frames
 * (8-byte header: stream 1 stdout / 2 stderr, 3 zero bytes, big-endian uint32 length) without tty,
 * raw with tty — until the monitor closes the connection after the container's end (its exit file
 * is written by then); bytes written go to the container's stdin (with {@code stdin} or {@code tty}).
 *
 * <p>Reading ({@link #demux}, {@link #copyRaw}) and writing ({@link #pumpStdin}) may run on two threads.
 */
public final class ShimAttach implements AutoCloseable {

    private final SocketChannel channel;
    private final Path socket;

    private ShimAttach(SocketChannel channel, Path socket) {
        this.channel = channel;
        this.socket = socket;
    }

    /** Connects to the attach socket; throws naming the socket when no monitor listens there. */
    public static ShimAttach connect(Path socket) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            ch.close();
            throw new IOException("connect to the attach socket " + socket + ": " + e.getMessage()
                    + " (the container is not running, or was started without an attach socket)", e);
        }
        return new ShimAttach(ch, socket);
    }

    /**
     * Connects once the socket listens: for a monitor started in the foreground, whose sockets listen
     * before it writes its shim-pid file and, with attach-wait, before the container may run.
     */
    public static ShimAttach awaitConnect(Path socket, java.time.Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return connect(socket);
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("no monitor listened on " + socket + " within " + timeout + ": " + e.getMessage(), e);
                }
                Thread.sleep(10);
            }
        }
    }

    /** Copies framed output to {@code stdout} (stream 1) and {@code stderr} (stream 2) until EOF; flushes after each frame. */
    public void demux(OutputStream stdout, OutputStream stderr) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(8);
        byte[] chunk = new byte[16384];
        ByteBuffer payload = ByteBuffer.wrap(chunk);
        while (true) {
            header.clear();
            if (!readFully(header, true)) return;
            int stream = header.get(0);
            long length = Integer.toUnsignedLong(header.getInt(4));
            OutputStream out = stream == 2 ? stderr : stdout;
            while (length > 0) {
                payload.clear().limit((int) Math.min(chunk.length, length));
                if (!readFully(payload, false)) throw new IOException(socket + ": the stream ended inside a frame");
                out.write(chunk, 0, payload.position());
                length -= payload.position();
            }
            out.flush();
        }
    }

    /** With tty: copies the raw output to {@code out} until EOF. */
    public void copyRaw(OutputStream out) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(16384);
        while (channel.read(b.clear()) >= 0) {
            out.write(b.array(), 0, b.position());
            out.flush();
        }
    }

    /**
     * Copies {@code in} to the container's stdin until {@code in} ends, then shuts down the write side:
     * with {@code stdin-once} the container's stdin is closed (EOF), as {@code docker run -i} does.
     */
    public void pumpStdin(InputStream in) throws IOException {
        byte[] buf = new byte[16384];
        for (int n; (n = in.read(buf)) >= 0; ) {
            ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
            while (b.hasRemaining()) channel.write(b);
        }
        channel.shutdownOutput();
    }

    /** Writes bytes to the container's stdin. */
    public void write(byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) channel.write(b);
    }

    /** Closes the write side (EOF for the container's stdin with {@code stdin-once}). */
    public void closeStdin() throws IOException {
        channel.shutdownOutput();
    }

    /**
     * Sets the window size of a tty container through its control socket (spec directive {@code control});
     * returns once the monitor has applied it (or kept it for the pty to come).
     */
    public static void resize(Path controlSocket, int rows, int cols) throws IOException {
        if (rows < 0 || rows > 65535 || cols < 0 || cols > 65535) {
            throw new IllegalArgumentException("window size out of range: " + rows + "x" + cols);
        }
        String answer;
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(controlSocket));
            ByteBuffer b = ByteBuffer.wrap(("resize " + rows + " " + cols + "\n").getBytes(StandardCharsets.US_ASCII));
            while (b.hasRemaining()) ch.write(b);
            ByteBuffer in = ByteBuffer.allocate(128);
            while (in.position() == 0 || in.get(in.position() - 1) != '\n') {
                if (!in.hasRemaining() || ch.read(in) < 0) break;
            }
            answer = new String(in.array(), 0, in.position(), StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new IOException("resize through the control socket " + controlSocket + ": " + e.getMessage(), e);
        }
        if (!answer.equals("ok")) {
            throw new IOException("resize through the control socket " + controlSocket + ": the monitor answered '" + answer + "'");
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** Fills {@code b}; false at a clean EOF before its first byte when {@code eofOk}. */
    private boolean readFully(ByteBuffer b, boolean eofOk) throws IOException {
        while (b.hasRemaining()) {
            if (channel.read(b) < 0) {
                if (eofOk && b.position() == 0) return false;
                throw new IOException(socket + ": the stream ended inside a frame");
            }
        }
        return true;
    }
}
