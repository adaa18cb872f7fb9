package dev.berth.cli;

import picocli.CommandLine.Option;

/** {@code -h/--help} for every command (a mixin: picocli's own help sub-command has its own). */
public final class HelpOption {

    @Option(order = 20, names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    private boolean help;
}
