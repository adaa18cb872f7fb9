package dev.berth.engine.image.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.image.BlobNotFoundException;
import dev.berth.engine.image.Digest;
import dev.berth.engine.image.DigestMismatchException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileBlobStoreTest {

    @TempDir
    Path dir;

    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.UTF_8);

    @Test
    void storesByDigestOnce() throws IOException {
        FileBlobStore store = new FileBlobStore(dir);
        Digest d = store.put(HELLO);
        assertEquals("sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", d.toString());
        assertEquals(d, store.put(new ByteArrayInputStream(HELLO), d));
        assertEquals(5, store.size(d));
        try (InputStream in = store.open(d)) {
            assertArrayEquals(HELLO, in.readAllBytes());
        }
        assertEquals(1, store.list().size());
    }

    @Test
    void aWrongDigestStoresNothing() throws IOException {
        FileBlobStore store = new FileBlobStore(dir);
        Digest wrong = Digest.sha256("other".getBytes(StandardCharsets.UTF_8));
        DigestMismatchException e = assertThrows(DigestMismatchException.class,
                () -> store.put(new ByteArrayInputStream(HELLO), wrong));
        assertTrue(e.getMessage().contains("digest mismatch"), e.getMessage());
        assertFalse(store.has(wrong));
        assertTrue(store.list().isEmpty());
        assertEquals(0, leftovers(), "no temporary file is left behind");
        assertThrows(BlobNotFoundException.class, () -> store.open(wrong));
    }

    @Test
    void anInterruptedIngestResumes() throws IOException {
        FileBlobStore store = new FileBlobStore(dir);
        Digest d = Digest.sha256(HELLO);
        try (BlobStore.Ingest first = store.ingest(d, HELLO.length)) {
            first.output().write(HELLO, 0, 2);
        }
        assertFalse(store.has(d));
        try (BlobStore.Ingest second = store.ingest(d, HELLO.length)) {
            assertEquals(2, second.offset());
            second.output().write(HELLO, 2, 3);
            assertEquals(d, second.commit());
        }
        assertTrue(store.has(d));
        assertEquals(0, leftovers());
    }

    @Test
    void aCorruptIngestIsDropped() throws IOException {
        FileBlobStore store = new FileBlobStore(dir);
        Digest d = Digest.sha256(HELLO);
        try (BlobStore.Ingest ingest = store.ingest(d, HELLO.length)) {
            ingest.output().write("jello".getBytes(StandardCharsets.UTF_8));
            assertThrows(DigestMismatchException.class, ingest::commit);
        }
        assertFalse(store.has(d));
        assertEquals(0, leftovers());
    }

    private long leftovers() throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve(".ingest"))) {
            return s.count();
        }
    }

    @Test
    void twoIngestsOfOneBlobAtOnceDoNotMixTheirBytes() throws IOException {
        FileBlobStore store = new FileBlobStore(dir);
        Digest d = Digest.sha256(HELLO);
        try (BlobStore.Ingest a = store.ingest(d, HELLO.length);
             BlobStore.Ingest b = store.ingest(d, HELLO.length)) {
            a.output().write(HELLO, 0, 2);
            b.output().write(HELLO);          // the second writer gets its own partial file
            a.output().write(HELLO, 2, 3);
            assertEquals(d, b.commit());
            assertEquals(d, a.commit());
        }
        assertTrue(store.has(d));
        assertEquals(0, leftovers());
    }
}
