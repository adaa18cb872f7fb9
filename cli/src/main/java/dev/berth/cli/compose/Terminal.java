package dev.berth.cli.compose;

import dev.berth.cli.Invocation;

/** Whether this run's stdin is a terminal: compose's default for {@code exec}'s and {@code run}'s TTY ({@code -T} turns it off). */
final class Terminal {

    private Terminal() {
    }

    static boolean stdin(Invocation invocation) {
        // a caller's own streams (tests) are never a terminal; the process's are when the JVM has a console on one
        var console = System.console();
        return invocation.processStdio() && console != null && console.isTerminal();
    }
}
