package dev.berth.engine.image.layer;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Watches the tar bytes go by and keeps the raw values of {@code SCHILY.xattr.*} PAX records.
 * commons-compress decodes PAX values as UTF-8, which destroys binary attributes such as
 * {@code security.capability} (0x80 becomes U+FFFD); this tap gives the bytes back. It follows
 * the tar's block structure (header, data rounded up to 512 bytes, old-GNU sparse extension
 * headers, a PAX {@code size} override) and, after {@code getNextEntry()} returned an entry,
 * {@link #entryXattrs()} holds that entry's attributes. The unpacker checks them against what
 * commons-compress decoded, so a tap that lost its place can never apply wrong bytes.
 */
final class PaxXattrTap extends FilterInputStream {

    private static final int BLOCK = 512;
    private static final int MAX_PAX_BYTES = 16 << 20;
    private static final String XATTR = "SCHILY.xattr.";

    private final byte[] header = new byte[BLOCK];
    private int headerFill;
    private long dataLeft;
    private int extensionBlocksPending; // old GNU sparse: extension headers follow the header
    private long pendingDataSize;
    private ByteArrayOutputStream pax;   // capturing the data of an 'x' header
    private Map<String, byte[]> pending = Map.of();
    private long pendingSize = -1;
    private Map<String, byte[]> current = Map.of();

    PaxXattrTap(InputStream in) {
        super(in);
    }

    /** Raw extended attributes (name without the {@code SCHILY.xattr.} prefix) of the entry last returned. */
    Map<String, byte[]> entryXattrs() {
        return current;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) track(new byte[] {(byte) b}, 0, 1);
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) track(b, off, n);
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // skipped bytes must be tracked (and hashed below): read them
        byte[] buf = new byte[(int) Math.min(Math.max(n, 0), 65536)];
        int r = read(buf, 0, buf.length);
        return Math.max(r, 0);
    }

    private void track(byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        while (i < end) {
            if (dataLeft > 0) {
                int take = (int) Math.min(dataLeft, end - i);
                if (pax != null && pax.size() < MAX_PAX_BYTES) pax.write(b, i, take);
                dataLeft -= take;
                i += take;
                if (dataLeft == 0 && pax != null) finishPax();
                continue;
            }
            int take = Math.min(BLOCK - headerFill, end - i);
            System.arraycopy(b, i, header, headerFill, take);
            headerFill += take;
            i += take;
            if (headerFill == BLOCK) {
                headerFill = 0;
                onBlock();
            }
        }
    }

    private void onBlock() {
        if (extensionBlocksPending > 0) {
            if (header[504] == 0) { // isextended: another extension block follows?
                extensionBlocksPending = 0;
                dataLeft = roundUp(pendingDataSize);
            }
            return;
        }
        if (allZero()) return; // end-of-archive blocks
        byte type = header[156];
        long size = parseSize();
        boolean meta = type == 'x' || type == 'g' || type == 'L' || type == 'K' || type == 'X';
        if (!meta) {
            current = pending;
            pending = Map.of();
            if (pendingSize >= 0) size = pendingSize;
            pendingSize = -1;
        }
        if (type == 'x' || type == 'X') pax = new ByteArrayOutputStream((int) Math.min(Math.max(size, 0), 4096));
        if (type == 'S' && header[482] != 0) {
            extensionBlocksPending = 1;
            pendingDataSize = size;
            return;
        }
        dataLeft = roundUp(size);
        if (dataLeft == 0 && pax != null) finishPax();
    }

    private void finishPax() {
        byte[] data = pax.toByteArray();
        pax = null;
        Map<String, byte[]> xattrs = new HashMap<>();
        int p = 0;
        while (p < data.length) {
            int space = p;
            long len = 0;
            while (space < data.length && data[space] >= '0' && data[space] <= '9') len = len * 10 + (data[space++] - '0');
            if (space >= data.length || data[space] != ' ' || len <= 0 || p + len > data.length) break;
            int recordEnd = (int) (p + len); // the record ends with '\n'
            int eq = space + 1;
            while (eq < recordEnd && data[eq] != '=') eq++;
            if (eq >= recordEnd) break;
            String key = new String(data, space + 1, eq - space - 1, StandardCharsets.UTF_8);
            int valueEnd = data[recordEnd - 1] == '\n' ? recordEnd - 1 : recordEnd;
            byte[] value = java.util.Arrays.copyOfRange(data, eq + 1, valueEnd);
            if (key.startsWith(XATTR)) xattrs.put(key.substring(XATTR.length()), value);
            if (key.equals("size")) {
                try {
                    pendingSize = Long.parseLong(new String(value, StandardCharsets.US_ASCII));
                } catch (NumberFormatException e) {
                    // commons-compress will refuse the archive
                }
            }
            p = recordEnd;
        }
        pending = xattrs;
    }

    /** The size field: octal, or base-256 when the high bit of its first byte is set (GNU/star). */
    private long parseSize() {
        if ((header[124] & 0x80) != 0) {
            long v = 0;
            for (int i = 125; i < 136; i++) v = (v << 8) | (header[i] & 0xff);
            return v;
        }
        long v = 0;
        for (int i = 124; i < 136; i++) {
            byte c = header[i];
            if (c >= '0' && c <= '7') v = v * 8 + (c - '0');
            else if (c == 0 || c == ' ') { if (v > 0) break; }
            else break;
        }
        return v;
    }

    private boolean allZero() {
        for (byte x : header) if (x != 0) return false;
        return true;
    }

    private static long roundUp(long size) {
        return size <= 0 ? 0 : (size + BLOCK - 1) / BLOCK * BLOCK;
    }
}
