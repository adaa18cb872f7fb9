package dev.berth.engine.runtime;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Signal names and numbers as Docker reads them for {@code kill -s}, {@code --stop-signal} and an
 * image's {@code StopSignal} (moby/sys/signal's {@code ParseSignal}): a number, or a name with or
 * without {@code SIG}, in any case, including {@code RTMIN+n} and {@code RTMAX-n}. The numbers are
 * Linux's (x86_64 and arm64 share them); the real-time range is the kernel's 34..64, as Docker uses it.
 */
public final class Signals {

    public static final int SIGHUP = 1;
    public static final int SIGINT = 2;
    public static final int SIGKILL = 9;
    public static final int SIGTERM = 15;

    /** The first and last real-time signal (glibc's SIGRTMIN is 34: it keeps 32 and 33 for itself). */
    public static final int RTMIN = 34;
    public static final int RTMAX = 64;

    /** Name (without SIG) → number; aliases after the canonical name so that {@link #name} finds the canonical one. */
    private static final Map<String, Integer> BY_NAME = new LinkedHashMap<>();

    static {
        String[] canonical = {null, "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV",
                "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU",
                "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS"};
        for (int n = 1; n < canonical.length; n++) BY_NAME.put(canonical[n], n);
        BY_NAME.put("RTMIN", RTMIN);
        // Docker's map names RTMIN+1..15 and RTMAX-14..1 (34+15 = 49, 64-14 = 50: every number once)
        for (int i = 1; i <= 15; i++) BY_NAME.put("RTMIN+" + i, RTMIN + i);
        for (int i = 14; i >= 1; i--) BY_NAME.put("RTMAX-" + i, RTMAX - i);
        BY_NAME.put("RTMAX", RTMAX);
        BY_NAME.put("IOT", 6);
        BY_NAME.put("CLD", 17);
        BY_NAME.put("POLL", 29);
    }

    private Signals() {}

    /**
     * The number of {@code signal}: {@code 15}, {@code TERM}, {@code SIGTERM}, {@code sigterm},
     * {@code SIGRTMIN+3}. Numbers must be 1..64 (Docker's client refuses 0; its daemon refuses
     * numbers the platform lacks).
     *
     * @throws IllegalArgumentException {@code invalid signal: X}, as Docker says it
     */
    public static int parse(String signal) {
        if (signal == null || signal.isEmpty()) throw invalid(signal);
        if (signal.matches("\\+?[0-9]+")) { // Go's Atoi takes a plus sign too
            int n;
            try {
                n = Integer.parseInt(signal.startsWith("+") ? signal.substring(1) : signal);
            } catch (NumberFormatException e) {
                throw invalid(signal);
            }
            if (n < 1 || n > RTMAX) throw invalid(signal);
            return n;
        }
        String upper = signal.toUpperCase(Locale.ROOT);
        Integer n = BY_NAME.get(upper.startsWith("SIG") ? upper.substring(3) : upper);
        if (n == null) throw invalid(signal);
        return n;
    }

    /** {@code SIGTERM} for 15, {@code SIGRTMIN+3} for 37; {@code SIG<n>} for a number without a name. */
    public static String name(int signal) {
        for (Map.Entry<String, Integer> e : BY_NAME.entrySet()) {
            if (e.getValue() == signal) return "SIG" + e.getKey();
        }
        return "SIG" + signal;
    }

    private static IllegalArgumentException invalid(String signal) {
        return new IllegalArgumentException("invalid signal: " + signal
                + " (give a name such as SIGTERM, TERM or RTMIN+3, or a number from 1 to " + RTMAX + ")");
    }
}
