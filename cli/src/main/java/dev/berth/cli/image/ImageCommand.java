package dev.berth.cli.image;

import picocli.CommandLine.Command;

/** {@code berth image …}: the image management commands, as {@code docker image …}. */
@Command(name = "image", description = "Manage images.",
        subcommands = {ImageImportCommand.class, ImageLoadCommand.class, ImageSaveCommand.class, ImageListCommand.class,
                ImageInspectCommand.class, ImageHistoryCommand.class, TagCommand.class, RemoveImageCommand.class,
                ImagePruneCommand.class, PullCommand.class, PushCommand.class})
public final class ImageCommand {
}
