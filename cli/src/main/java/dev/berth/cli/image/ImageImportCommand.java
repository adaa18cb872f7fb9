package dev.berth.cli.image;

import dev.berth.cli.EngineCommand;
import dev.berth.engine.image.build.ImportOptions;
import dev.berth.engine.image.store.Image;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth image import}: a root filesystem (tar, tar.gz, directory, or - for stdin) as a one-layer image. */
@Command(name = "import", description = "Import the contents from a tarball or directory to create a filesystem image.")
public final class ImageImportCommand extends EngineCommand implements Callable<Integer> {

    @Option(names = {"-c", "--change"}, paramLabel = "INSTRUCTION",
            description = "Apply a Dockerfile instruction to the image (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, STOPSIGNAL, USER, VOLUME, WORKDIR).")
    List<String> changes = new ArrayList<>();

    @Option(names = {"-m", "--message"}, description = "Commit message for the imported image.")
    String message;

    @Parameters(index = "0", paramLabel = "FILE|DIR|-", description = "Root filesystem: a tar (plain or gzip), a directory, or - for standard input.")
    String source;

    @Parameters(index = "1", arity = "0..1", paramLabel = "REPOSITORY[:TAG]", description = "Name for the image.")
    String name;

    @Override
    public Integer call() throws Exception {
        Path input;
        Path spooled = null;
        if (source.equals("-")) {
            spooled = Files.createTempFile("berth-import-", ".tar");
            Files.copy(berth().invocation().stdin(), spooled, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            input = spooled;
        } else {
            input = berth().invocation().cwd().resolve(source);
        }
        try {
            ImportOptions options = ImportOptions.defaults().withChanges(changes);
            if (message != null) options = options.withMessage(message);
            if (name != null) options = options.withTags(name);
            Image image = images().importRootfs(input, options);
            out().println(image.id());
            return 0;
        } finally {
            if (spooled != null) Files.deleteIfExists(spooled);
        }
    }
}
