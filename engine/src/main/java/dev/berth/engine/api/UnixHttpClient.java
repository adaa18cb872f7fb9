package dev.berth.engine.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The thinnest HTTP/1.1 client that can talk to berthd: one request per connection over the
 * JDK's unix-domain {@link SocketChannel}. It sits on the path of every CLI command, so it loads
 * a handful of JDK classes instead of an HTTP client library.
 */
public final class UnixHttpClient {

    private final Path socket;

    public UnixHttpClient(Path socket) {
        this.socket = socket;
    }

    public record Response(int status, Map<String, String> headers, byte[] body) {

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    public Response get(String path) throws IOException {
        return send("GET", path, null, null);
    }

    public Response send(String method, String path, String contentType, byte[] body) throws IOException {
        if (!Files.exists(socket)) throw new EngineUnavailableException(socket, "no socket");
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            try {
                channel.connect(UnixDomainSocketAddress.of(socket));
            } catch (IOException e) {
                throw new EngineUnavailableException(socket, e.getMessage() == null ? e.toString() : e.getMessage());
            }
            StringBuilder head = new StringBuilder()
                    .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                    .append("Host: berthd\r\nConnection: close\r\n");
            if (body != null) {
                head.append("Content-Type: ").append(contentType).append("\r\n")
                        .append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            write(channel, head.toString().getBytes(StandardCharsets.US_ASCII));
            if (body != null) write(channel, body);
            return parse(readAll(channel));
        }
    }

    /** A response whose body is read as it arrives (logs -f): close it to hang up. */
    public record Streamed(int status, Map<String, String> headers, java.io.InputStream body) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    /** Sends a request and returns as soon as the head of the answer has arrived. */
    public Streamed stream(String method, String path) throws IOException {
        if (!Files.exists(socket)) throw new EngineUnavailableException(socket, "no socket");
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            try {
                channel.connect(UnixDomainSocketAddress.of(socket));
            } catch (IOException e) {
                throw new EngineUnavailableException(socket, e.getMessage() == null ? e.toString() : e.getMessage());
            }
            write(channel, (method + " " + path + " HTTP/1.1\r\nHost: berthd\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            java.io.InputStream in = new java.io.BufferedInputStream(java.nio.channels.Channels.newInputStream(channel), 16 * 1024);
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) throw new IOException("berthd closed the connection before answering");
                head.write(b);
                matched = (b == '\r' || b == '\n') && ((matched % 2 == 0) == (b == '\r')) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            Response parsed = parseHead(head.toByteArray());
            java.io.InputStream body = "chunked".equalsIgnoreCase(parsed.headers().get("transfer-encoding")) ? new Dechunking(in) : in;
            return new Streamed(parsed.status(), parsed.headers(), body);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Reads a chunked body as it arrives. */
    private static final class Dechunking extends java.io.InputStream {
        private final java.io.InputStream in;
        private int left;
        private boolean done;

        Dechunking(java.io.InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) return -1;
            if (left == 0) {
                String line = line();
                if (line.isEmpty()) line = line(); // the CRLF after the previous chunk
                int semicolon = line.indexOf(';');
                left = Integer.parseInt((semicolon >= 0 ? line.substring(0, semicolon) : line).trim(), 16);
                if (left == 0) {
                    done = true;
                    return -1;
                }
            }
            int n = in.read(b, off, Math.min(len, left));
            if (n < 0) throw new IOException("berthd's chunked response ended early");
            left -= n;
            return n;
        }

        private String line() throws IOException {
            StringBuilder sb = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') if (c != '\r') sb.append((char) c);
            if (c < 0) throw new IOException("berthd's chunked response ended early");
            return sb.toString();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private static void write(SocketChannel channel, byte[] bytes) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) channel.write(buf);
    }

    private static byte[] readAll(SocketChannel channel) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(16 * 1024);
        while (channel.read(buf) >= 0) {
            out.write(buf.array(), 0, buf.position());
            buf.clear();
        }
        return out.toByteArray();
    }

    /** Status and headers of a response head (up to and with the blank line); the body is left empty. */
    static Response parseHead(byte[] raw) throws IOException {
        int headEnd = indexOf(raw, new byte[] {'\r', '\n', '\r', '\n'}, 0);
        if (headEnd < 0) throw new IOException("berthd sent an incomplete HTTP response");
        String[] lines = new String(raw, 0, headEnd, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
            throw new IOException("berthd sent something that is not HTTP: " + lines[0]);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        return new Response(Integer.parseInt(statusLine[1]), headers, new byte[0]);
    }

    static Response parse(byte[] raw) throws IOException {
        Response head = parseHead(raw);
        Map<String, String> headers = head.headers();
        int headEnd = indexOf(raw, new byte[] {'\r', '\n', '\r', '\n'}, 0);
        int start = headEnd + 4;
        byte[] body;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(raw, start);
        } else if (headers.containsKey("content-length")) {
            int length = Integer.parseInt(headers.get("content-length"));
            if (start + length > raw.length) {
                throw new IOException("berthd's response ended early: " + (raw.length - start) + " of " + length + " bytes after "
                        + new String(raw, 0, headEnd, StandardCharsets.ISO_8859_1).replace("\r\n", " | "));
            }
            body = java.util.Arrays.copyOfRange(raw, start, start + length);
        } else {
            body = java.util.Arrays.copyOfRange(raw, start, raw.length);
        }
        return new Response(head.status(), headers, body);
    }

    private static byte[] dechunk(byte[] raw, int pos) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            int lineEnd = indexOf(raw, new byte[] {'\r', '\n'}, pos);
            if (lineEnd < 0) throw new IOException("berthd's chunked response ended early");
            String sizeText = new String(raw, pos, lineEnd - pos, StandardCharsets.US_ASCII);
            int semicolon = sizeText.indexOf(';');
            int size = Integer.parseInt((semicolon >= 0 ? sizeText.substring(0, semicolon) : sizeText).trim(), 16);
            pos = lineEnd + 2;
            if (size == 0) return out.toByteArray();
            if (pos + size > raw.length) throw new IOException("berthd's chunked response ended early");
            out.write(raw, pos, size);
            pos += size + 2;
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) continue outer;
            }
            return i;
        }
        return -1;
    }
}
