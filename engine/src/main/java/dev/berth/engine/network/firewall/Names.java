package dev.berth.engine.network.firewall;

import java.util.regex.Pattern;

/** Names that go into nft scripts: checked here, so nothing a user typed can change a script's meaning. */
final class Names {

    // Docker's network names ([a-zA-Z0-9][a-zA-Z0-9_.-]*) and container ids fit; quotes, spaces and '=' do not.
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}");
    private static final Pattern INTERFACE = Pattern.compile("[a-zA-Z0-9_.-]{1,15}");

    private Names() {}

    static void checkName(String what, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException("invalid " + what + " \"" + value + "\": only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        }
    }

    static void checkInterface(String value) {
        if (value == null || !INTERFACE.matcher(value).matches()) {
            throw new IllegalArgumentException("invalid interface name \"" + value + "\": 1-15 of [a-zA-Z0-9_.-]");
        }
    }
}
