package dev.berth.engine.image;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A content digest, {@code sha256:<64 hex>}: the name of every blob, manifest, config and layer. */
public record Digest(String algorithm, String hex) implements Comparable<Digest> {

    private static final Pattern SHA256_HEX = Pattern.compile("[a-f0-9]{64}");

    public Digest {
        if (!"sha256".equals(algorithm)) {
            throw new IllegalArgumentException("unsupported digest algorithm \"" + algorithm + "\": expected sha256");
        }
        if (!SHA256_HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("invalid sha256 digest \"" + hex + "\": expected 64 lowercase hex digits");
        }
    }

    /** Parses {@code sha256:<hex>}. */
    public static Digest parse(String s) {
        int colon = s.indexOf(':');
        if (colon < 0) throw new IllegalArgumentException("invalid digest \"" + s + "\": expected sha256:<64 hex digits>");
        return new Digest(s.substring(0, colon), s.substring(colon + 1));
    }

    public static Digest sha256(byte[] content) {
        return fromHash(newSha256().digest(content));
    }

    public static Digest fromHash(byte[] sha256) {
        return new Digest("sha256", HexFormat.of().formatHex(sha256));
    }

    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** The first 12 hex digits, as {@code docker images} shows an image ID. */
    public String shortHex() {
        return hex.substring(0, 12);
    }

    @Override
    public int compareTo(Digest o) {
        return toString().compareTo(o.toString());
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }
}
