package dev.berth.engine.image.store;

import dev.berth.engine.image.Digest;
import dev.berth.engine.image.DigestMismatchException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/** Hashes what passes through and, at end of stream, fails unless it hashed to the expected digest. */
final class VerifyingInputStream extends FilterInputStream {

    private final Digest expected;
    private final String what;
    private final MessageDigest sha = Digest.newSha256();
    private boolean verified;

    VerifyingInputStream(InputStream in, Digest expected, String what) {
        super(in);
        this.expected = expected;
        this.what = what;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b < 0) verify();
        else sha.update((byte) b);
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = in.read(buf, off, len);
        if (n < 0) verify();
        else sha.update(buf, off, n);
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // skipping must still hash the bytes
        byte[] buf = new byte[8192];
        long done = 0;
        while (done < n) {
            int r = read(buf, 0, (int) Math.min(buf.length, n - done));
            if (r < 0) break;
            done += r;
        }
        return done;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Reads the rest (hashing it) and verifies. */
    void drain() throws IOException {
        byte[] buf = new byte[65536];
        while (read(buf, 0, buf.length) >= 0) {
            // hashing happens in read
        }
    }

    boolean verified() {
        return verified;
    }

    private void verify() {
        if (verified) return;
        Digest actual = Digest.fromHash(sha.digest());
        if (!actual.equals(expected)) throw new DigestMismatchException(what, expected, actual);
        verified = true;
    }
}
