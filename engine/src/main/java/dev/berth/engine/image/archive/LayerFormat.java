package dev.berth.engine.image.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** What a layer file is, told by its first bytes, since docker-save archives do not say. */
enum LayerFormat {
    TAR, GZIP, ZSTD, BZIP2, XZ, UNKNOWN;

    static LayerFormat of(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(512);
        }
        return of(head);
    }

    static LayerFormat of(byte[] head) {
        if (starts(head, 0x1f, 0x8b)) return GZIP;
        if (starts(head, 0x28, 0xb5, 0x2f, 0xfd)) return ZSTD;
        if (starts(head, 'B', 'Z', 'h')) return BZIP2;
        if (starts(head, 0xfd, '7', 'z', 'X', 'Z', 0x00)) return XZ;
        if (head.length == 512) {
            // a ustar/GNU header, or the zero block that ends (and here wholly makes up) an empty tar
            if (new String(head, 257, 5, StandardCharsets.US_ASCII).equals("ustar")) return TAR;
            if (Arrays.equals(head, new byte[512])) return TAR;
        }
        return UNKNOWN;
    }

    private static boolean starts(byte[] head, int... magic) {
        if (head.length < magic.length) return false;
        for (int i = 0; i < magic.length; i++) {
            if ((head[i] & 0xff) != magic[i]) return false;
        }
        return true;
    }
}
