package dev.berth.cli.image;

import dev.berth.cli.EngineCommand;
import dev.berth.engine.image.archive.ArchiveFormat;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth image save}: images as one archive that both {@code docker load} and OCI tools read. */
@Command(name = "save", description = "Save one or more images to a tar archive (docker save format, also an OCI layout).")
public final class ImageSaveCommand extends EngineCommand implements Callable<Integer> {

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to a file instead of standard output.")
    String output;

    @Option(names = "--format", paramLabel = "docker|oci", description = "docker (default: docker save format plus OCI layout) or oci (OCI layout only).")
    ArchiveFormat format = ArchiveFormat.DOCKER;

    @Parameters(arity = "1..*", paramLabel = "IMAGE")
    List<String> names;

    @Override
    public Integer call() throws Exception {
        if (output == null) {
            if (System.console() != null && berth().invocation().out() == System.out) {
                err().println("Error: refusing to write an archive to a terminal: use -o FILE or redirect standard output");
                return 1;
            }
            OutputStream out = berth().invocation().out();
            images().save(names, format, out);
            out.flush();
            return 0;
        }
        // written next to the target and moved into place: no half archive under the name on failure
        Path target = berth().invocation().cwd().resolve(output);
        Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), ".berth-save-", ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                images().save(names, format, out);
            }
            // a temp file is 0600; an archive is an ordinary file (0644 like docker save's)
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return 0;
    }
}
