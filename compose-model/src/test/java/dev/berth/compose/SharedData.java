package dev.berth.compose;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The conformance data in {@code ../shared/compose-spec}, read in place (never copied into the
 * project). A user's clone has no {@code ../shared}: tests that need it skip and say why.
 */
public final class SharedData {

    /** {@code ../shared} beside the repository root (Maven passes the root as {@code berth.repo.root}). */
    public static final Path SHARED = Path.of(System.getProperty("berth.repo.root", ".")).resolve("../shared")
            .toAbsolutePath().normalize();

    private SharedData() {
    }

    /** {@code ../shared/compose-spec}, or the calling test is skipped. */
    public static Path composeSpec() {
        Assumptions.assumeTrue(Files.isDirectory(SHARED),
                "../shared absent (a user's clone): conformance data not available");
        return SHARED.resolve("compose-spec");
    }
}
