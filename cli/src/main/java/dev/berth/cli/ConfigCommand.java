package dev.berth.cli;

import dev.berth.cli.output.JsonOutput;
import dev.berth.cli.output.YamlOutput;
import dev.berth.compose.model.Project;
import dev.berth.compose.output.ConfigOutput;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth config}, as {@code docker compose config}: load, resolve and print the project in
 * its canonical form (YAML, or JSON with {@code --format json}), or list its names.
 */
@Command(name = "config", description = "Parse, resolve and render the Compose file in canonical format.",
        sortOptions = false)
final class ConfigCommand implements Callable<Integer> {

    enum Format {
        YAML, JSON;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    /** The root, found through the spec: config runs as {@code berth config} and {@code berth compose config}. */
    private BerthCommand berth;

    @Mixin
    private HelpOption help;

    @Mixin
    private ProjectOptions projectOptions;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "yaml",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private Format format;

    @Option(names = {"-q", "--quiet"}, description = "Only validate the configuration, don't print anything.")
    private boolean quiet;

    @Option(names = "--services", description = "Print the service names, one per line.")
    private boolean listServices;

    @Option(names = "--volumes", description = "Print the volume names, one per line.")
    private boolean listVolumes;

    @Option(names = "--networks", description = "Print the network names, one per line.")
    private boolean listNetworks;

    @Option(names = "--profiles", description = "Print the profile names, one per line.")
    private boolean listProfiles;

    @Option(names = "--images", description = "Print the image names, one per line.")
    private boolean listImages;

    @Option(names = "--no-interpolate", description = "Don't interpolate environment variables.")
    private boolean noInterpolate;

    @Option(names = "--no-normalize", description = "Don't normalize the Compose model.")
    private boolean noNormalize;

    @Option(names = "--no-path-resolution", description = "Don't resolve file paths.")
    private boolean noPathResolution;

    @Option(names = "--no-consistency", description = "Don't check the model for consistency.")
    private boolean noConsistency;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the model to FILE instead of standard output.")
    private Path output;

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Services to show (default: all).")
    private List<String> services = new ArrayList<>();

    @Override
    public Integer call() {
        berth = (BerthCommand) spec.root().userObject();
        Project project = berth.loadProject(options -> options
                .withServices(services)
                .withInterpolate(!noInterpolate)
                .withNormalize(!noNormalize)
                .withResolvePaths(!noPathResolution)
                .withConsistency(!noConsistency));
        if (listServices) return printLines(project.serviceNames());
        if (listVolumes) return printLines(project.volumeNames());
        if (listNetworks) return printLines(project.networkNames());
        if (listProfiles) return printLines(project.profiles());
        if (listImages) return printLines(project.images().values());
        if (quiet) return 0;
        String rendered = render(project);
        if (output == null) {
            berth.out().print(rendered);
        } else {
            write(berth.invocation().cwd().resolve(output), rendered);
        }
        return 0;
    }

    private String render(Project project) {
        StringWriter text = new StringWriter();
        try {
            switch (format) {
                case YAML -> YamlOutput.write(ConfigOutput.yaml(project), text);
                case JSON -> JsonOutput.write(ConfigOutput.json(project), text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return text.toString();
    }

    private int printLines(Collection<String> lines) {
        PrintWriter out = berth.out();
        lines.forEach(out::println);
        return 0;
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + reason(e), e);
        }
    }

    private static String reason(IOException e) {
        return switch (e) {
            case NoSuchFileException x -> "no such file or directory";
            case AccessDeniedException x -> "permission denied";
            case FileSystemException x when x.getReason() != null -> x.getReason();
            default -> String.valueOf(e.getMessage());
        };
    }
}
