package dev.berth.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * {@code berth [-f FILE]... [-p NAME] [--project-directory DIR] [--env-file FILE]... [--profile P]... up -d [SERVICE...]}
 * read without picocli: the commonest stack command (a no-op {@code up -d} is mostly start-up: picocli's
 * reflection over the command classes cost it ~90 ms). Anything else — another option, a combined or
 * unknown one, {@code --help} — goes to the full command line, which reads the same words the same way
 * ({@code FastUpTest} holds both to it).
 */
final class FastUp {

    private FastUp() {
    }

    /** What the thin path understood: the root's options and the services; null when unsure. */
    record Reading(List<String> files, String projectName, String projectDirectory, List<String> envFiles,
                   List<String> profiles, List<String> services) {}

    static Reading read(List<String> args) {
        List<String> files = new ArrayList<>();
        List<String> envFiles = new ArrayList<>();
        List<String> profiles = new ArrayList<>();
        String projectName = null;
        String projectDirectory = null;
        int i = 0;
        for (; i < args.size() && !args.get(i).equals("up"); i++) {
            String a = args.get(i);
            String value;
            String name = a;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            } else {
                if (i + 1 >= args.size()) return null;
                value = args.get(++i);
            }
            switch (name) {
                case "-f", "--file" -> files.add(value);
                case "-p", "--project-name" -> projectName = value;
                case "--project-directory" -> projectDirectory = value;
                case "--env-file" -> envFiles.add(value);
                case "--profile" -> profiles.add(value);
                default -> {
                    return null;
                }
            }
            if (value.equals("-") || value.isEmpty()) return null; // stdin or an empty value: the full reader says what to do
        }
        if (i >= args.size()) return null;
        boolean detach = false;
        List<String> services = new ArrayList<>();
        for (String a : args.subList(i + 1, args.size())) {
            if (a.equals("-d") || a.equals("--detach")) detach = true;
            else if (a.startsWith("-") || a.isEmpty()) return null;
            else services.add(a);
        }
        return detach ? new Reading(files, projectName, projectDirectory, envFiles, profiles, services) : null;
    }

    static OptionalInt tryRun(Invocation invocation, List<String> args) {
        Reading r = read(args);
        if (r == null) return OptionalInt.empty();
        PrintWriter out = new PrintWriter(new OutputStreamWriter(invocation.out(), StandardCharsets.UTF_8));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(invocation.err(), StandardCharsets.UTF_8), true);
        BerthCommand root = BerthCommand.withoutPicocli(invocation, out, err);
        r.files().forEach(root::addFile);
        if (r.projectName() != null) root.setProjectName(r.projectName());
        if (r.projectDirectory() != null) root.setProjectDirectory(r.projectDirectory());
        r.envFiles().forEach(root::addEnvFile);
        r.profiles().forEach(root::addProfile);
        UpCommand up = UpCommand.detached(r.services());
        up.withRoot(root);
        try {
            return OptionalInt.of(up.call());
        } catch (Exception e) {
            out.flush();
            return OptionalInt.of(Failures.report(e, err, invocation.debug()));
        } finally {
            out.flush();
            err.flush();
        }
    }
}
