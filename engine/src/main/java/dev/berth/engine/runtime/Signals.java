package dev.berth.engine.runtime;

/** Placeholder: replaced by the full parser (helper branch h-parts). */
public final class Signals {

    private Signals() {
    }

    public static int parse(String s) {
        String n = s.toUpperCase(java.util.Locale.ROOT);
        if (n.startsWith("SIG")) n = n.substring(3);
        return switch (n) {
            case "HUP" -> 1; case "INT" -> 2; case "QUIT" -> 3; case "KILL" -> 9; case "USR1" -> 10;
            case "USR2" -> 12; case "TERM" -> 15; case "STOP" -> 19; case "CONT" -> 18;
            default -> {
                try {
                    yield Integer.parseInt(n);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("invalid signal: " + s);
                }
            }
        };
    }
}
