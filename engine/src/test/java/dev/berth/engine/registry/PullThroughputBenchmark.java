package dev.berth.engine.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.engine.image.ImageReference;
import dev.berth.engine.image.store.FileBlobStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures pull (and push) throughput of a ~100 MB image of four random, incompressible gzip layers
 * against the real local registry, and prints MB/s. A measurement, not a test of speed: it asserts
 * only that what comes back is what went up. Run it with
 * {@code mvn -o -pl engine test -Dtest=PullThroughputBenchmark -Dberth.bench=true}.
 */
@EnabledIfSystemProperty(named = "berth.bench", matches = "true", disabledReason = "a benchmark: run with -Dberth.bench=true")
class PullThroughputBenchmark {

    private static final int LAYER = 25 * 1024 * 1024;

    @TempDir
    Path tmp;

    @Test
    void pull100MegabyteImage() throws Exception {
        try (LocalRegistry registry = LocalRegistry.start(tmp.resolve("registry"))) {
            FileBlobStore local = new FileBlobStore(tmp.resolve("local"));
            TestImage image = TestImage.create(local, TestImage.Format.OCI, true, 42, LAYER, LAYER, LAYER, LAYER);
            double mb = image.totalBlobBytes() / 1e6;
            ImageReference ref = ImageReference.parse(registry.address() + "/bench/big:1");
            try (RegistryClient client = RegistryClient.builder(registry.address()).build()) {
                long t0 = System.nanoTime();
                client.push(ref, image.manifest(), image.mediaType(), local);
                report("push", mb, System.nanoTime() - t0, 3);
            }
            for (int concurrency : new int[]{1, 3, 3, 3}) {
                try (RegistryClient client = RegistryClient.builder(registry.address()).concurrency(concurrency).build()) {
                    FileBlobStore fresh = new FileBlobStore(tmp.resolve("fresh-" + System.nanoTime()));
                    long t0 = System.nanoTime();
                    PulledImage pulled = client.pull(ref, fresh);
                    long elapsed = System.nanoTime() - t0;
                    assertEquals(image.digest(), pulled.manifest().digest());
                    assertEquals(local.list().size(), fresh.list().size());
                    report("pull", mb, elapsed, concurrency);
                }
            }
            if (java.nio.file.Files.isExecutable(Skopeo.BINARY)) { // an independent client, for scale
                long t0 = System.nanoTime();
                Skopeo.run(tmp, "copy", "-q", "--src-tls-verify=false", "docker://" + ref, "oci:" + tmp.resolve("skopeo-oci") + ":1");
                double seconds = (System.nanoTime() - t0) / 1e9;
                System.out.printf("skopeo copy of the same image to an oci: layout: %.2f s, %.1f MB/s%n", seconds, mb / seconds);
            }
        }
    }

    private static void report(String what, double mb, long nanos, int concurrency) {
        double seconds = nanos / 1e9;
        System.out.printf("berth %s of a %.1f MB image (4 layers, %d at once) from 127.0.0.1: %.2f s, %.1f MB/s%n",
                what, mb, concurrency, seconds, mb / seconds);
    }
}
