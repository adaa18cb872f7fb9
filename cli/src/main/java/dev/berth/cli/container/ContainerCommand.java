package dev.berth.cli.container;

import dev.berth.cli.EngineCommand;

/** A command that talks to berthd (started on first use, as Docker's CLI cannot but berth can). */
abstract class ContainerCommand extends EngineCommand {
}
