package dev.berth.cli.compose;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The Compose commands by name, as {@code docker compose} has them. {@code berth compose CMD} is
 * always one of these; {@code berth up}, {@code down}, {@code config} and {@code ls} are too (no Docker
 * command has those names). A name Docker also uses for one container ({@code ps}, {@code logs}, {@code start}…)
 * means Docker's command at the top level, unless a project option ({@code -f}, {@code -p},
 * {@code --project-directory}) comes before it: {@code berth -p shop ps} is {@code docker compose -p shop ps}.
 */
public final class ComposeCommands {

    /** Filled by the cli's registration (commands live in several packages); in help order. */
    public static final Map<String, Supplier<Object>> ALL = new LinkedHashMap<>();

    /** The options that put a shared name in the project's scope when given before it. */
    public static final Set<String> PROJECT_OPTIONS = Set.of("-f", "--file", "-p", "--project-name", "--project-directory");

    private ComposeCommands() {
    }

    /** Whether {@code args} give a project option before the word at {@code commandIndex}. */
    public static boolean projectScoped(List<String> args, int commandIndex) {
        for (int i = 0; i < commandIndex && i < args.size(); i++) {
            String a = args.get(i);
            for (String o : PROJECT_OPTIONS) {
                if (a.equals(o) || a.startsWith(o + "=") || (o.length() == 2 && a.startsWith(o) && a.length() > 2)) return true;
            }
        }
        return false;
    }
}
