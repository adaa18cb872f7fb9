package dev.berth.cli;

import java.util.Locale;

/** How progress is shown ({@code --progress}), as in {@code docker compose}. */
public enum Progress {
    AUTO, TTY, PLAIN, QUIET, JSON;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
