package dev.berth.engine.image;

/** Content whose digest (or size) is not the one it was announced with: corrupt or tampered. */
public class DigestMismatchException extends ImageException {

    private final Digest expected;
    private final Digest actual;

    public DigestMismatchException(String what, Digest expected, Digest actual) {
        super(what + ": digest mismatch: expected " + expected + ", got " + actual
                + " (the content is corrupt or was changed; nothing was stored)");
        this.expected = expected;
        this.actual = actual;
    }

    public Digest expected() {
        return expected;
    }

    public Digest actual() {
        return actual;
    }
}
