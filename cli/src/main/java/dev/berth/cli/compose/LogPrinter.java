package dev.berth.cli.compose;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * compose's log consumer: each container's lines behind {@code web-1  | }, the names padded to the
 * longest one, each prefix in its own color from compose's palette (cyan, yellow, green, magenta,
 * blue, then their bright forms) when colors are on. Several containers write at once (logs -f), so
 * a line is written whole, under one lock; a container's partial line waits for its end.
 */
final class LogPrinter {

    /** compose's rainbow: ANSI codes in the order containers get them. */
    static final List<String> PALETTE = List.of("36", "33", "32", "35", "34", "36;1", "33;1", "32;1", "35;1", "34;1");

    private final PrintWriter out;
    private final Map<String, String> prefixes = new HashMap<>();
    private final Map<String, StringBuilder> partial = new HashMap<>();

    /**
     * @param names  the containers' names in the order they take colors
     * @param prefix false for {@code --no-log-prefix}
     * @param color  whether prefixes are colored
     */
    LogPrinter(PrintWriter out, List<String> names, boolean prefix, boolean color) {
        this.out = out;
        int width = names.stream().mapToInt(String::length).max().orElse(0) + 1;
        List<String> ordered = new ArrayList<>(names);
        for (int i = 0; i < ordered.size(); i++) {
            String name = ordered.get(i);
            String p = "";
            if (prefix) {
                p = String.format("%-" + width + "s | ", name);
                if (color) p = "\033[" + PALETTE.get(i % PALETTE.size()) + "m" + p + "\033[0m";
            }
            prefixes.put(name, p);
            partial.put(name, new StringBuilder());
        }
    }

    /** Text a container wrote; complete lines are printed now, the rest when more comes or at {@link #end}. */
    void write(String name, String text) {
        StringBuilder pending = partial.get(name);
        synchronized (pending) {
            pending.append(text);
            int nl;
            while ((nl = pending.indexOf("\n")) >= 0) {
                line(name, pending.substring(0, nl));
                pending.delete(0, nl + 1);
            }
        }
    }

    /** The container's output has ended: a last line without a newline is printed too. */
    void end(String name) {
        StringBuilder pending = partial.get(name);
        synchronized (pending) {
            if (!pending.isEmpty()) line(name, pending.toString());
            pending.setLength(0);
        }
    }

    private void line(String name, String line) {
        synchronized (out) {
            out.print(prefixes.get(name) + line + "\n");
            out.flush();
        }
    }
}
