package dev.berth.cli.container;

import dev.berth.cli.Invocation;
import dev.berth.engine.container.EnvFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code --env-file F} and {@code -e K=V} / {@code -e K} of run and exec, as Docker's CLI reads
 * them: the files first (relative to the working directory), then each {@code -e}; a bare name
 * takes the value from this shell's environment and is left out when unset.
 */
public final class EnvArguments {

    private EnvArguments() {
    }

    public static List<String> resolve(List<String> envFiles, List<String> env, Invocation invocation) throws IOException {
        List<String> out = new ArrayList<>();
        Map<String, String> shell = invocation.environment();
        for (String file : envFiles) out.addAll(EnvFile.read(invocation.cwd().resolve(file), shell));
        for (String e : env) {
            if (e.contains("=")) out.add(e);
            else if (shell.containsKey(e)) out.add(e + "=" + shell.get(e));
        }
        return out;
    }
}
