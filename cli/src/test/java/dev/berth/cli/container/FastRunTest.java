package dev.berth.cli.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The fast path reads a run line exactly as picocli does, or leaves it to picocli. */
class FastRunTest {

    private static RunOptions picocli(List<String> args) {
        RunCommand command = new RunCommand();
        CommandLine cl = new CommandLine(command);
        cl.setStopAtPositional(true);
        cl.setOverwrittenOptionsAllowed(true);
        cl.parseArgs(args.toArray(String[]::new));
        return command.options();
    }

    private static final List<List<String>> LINES = List.of(
            List.of("busybox"),
            List.of("--rm", "busybox", "true"),
            List.of("--rm", "busybox", "sh", "-c", "echo hi; exit 3"),
            List.of("-d", "--name", "web", "--restart", "on-failure:2", "busybox", "httpd", "-f", "-p", "8080"),
            List.of("--name=web", "-e", "A=1", "--env", "B", "-e", "C=x=y", "--env-file", "a.env", "busybox", "env"),
            List.of("-v", "/tmp:/data:ro", "--volume=/srv:/srv", "--tmpfs", "/run:size=1m", "--network", "host", "busybox"),
            List.of("-u", "www:staff", "-w", "/tmp", "-h", "box", "--entrypoint", "", "--init", "-l", "a=b", "--label", "c", "busybox"),
            List.of("-m", "32m", "--memory-swap", "-1", "--cpus", "0.5", "--cpu-shares", "512", "--cpuset-cpus", "0",
                    "--pids-limit", "20", "busybox", "tail", "/dev/zero"),
            List.of("--cap-add", "NET_ADMIN", "--cap-drop", "ALL", "--privileged", "--security-opt", "no-new-privileges",
                    "--read-only", "--stop-signal", "SIGHUP", "--stop-timeout", "3", "busybox"),
            List.of("--name", "a", "--name", "b", "busybox", "--rm", "-d"),
            List.of("-i", "-t", "-p", "8080:80", "--ulimit", "nofile=100:200", "--ulimit", "core=0", "busybox", "sh"),
            List.of("--domainname", "example.org", "--dns", "10.0.0.2", "--dns-search", "a.example", "--dns-option", "ndots:1",
                    "--add-host", "db:10.1.1.1", "busybox"),
            List.of("--health-cmd", "wget -q -O- localhost || exit 1", "--health-interval", "5s", "--health-timeout=2s",
                    "--health-retries", "4", "--health-start-period", "1m", "--health-start-interval", "500ms", "busybox"),
            List.of("--no-healthcheck", "busybox", "sh"));

    @Test
    void readsLikePicocli() {
        for (List<String> line : LINES) {
            Optional<RunOptions> fast = FastRun.parse(line);
            assertTrue(fast.isPresent(), "the fast path takes " + line);
            assertEquals(picocli(line), fast.get(), "read alike: " + line);
        }
    }

    @Test
    void leavesToPicocliWhatItIsNotSureOf() {
        for (List<String> line : List.of(List.of("-it", "busybox"), List.of("-eA=1", "busybox"), List.of("--help"),
                List.of("--rm"), List.of("--name"), List.of("--cpus", "lots", "busybox"), List.of("--nosuch", "busybox"),
                List.of("--rm=true", "busybox"), List.of("--", "busybox"), List.of("--name", "--rm", "busybox"),
                List.of("--health-retries", "many", "busybox"))) {
            assertEquals(Optional.empty(), FastRun.parse(line), line.toString());
        }
    }

    @Test
    void knowsEveryOptionOfRunAsPicocliDoes() {
        CommandLine cl = new CommandLine(new RunCommand());
        var known = FastRun.namesTakingValue();
        for (OptionSpec o : cl.getCommandSpec().options()) {
            for (String name : o.names()) {
                assertTrue(known.containsKey(name), "the fast path knows " + name);
                assertEquals(o.arity().max() > 0, known.get(name), name + " takes a value in both");
            }
        }
        assertEquals(known.size(), cl.getCommandSpec().options().stream().mapToInt(o -> o.names().length).sum(),
                "and no option picocli does not have");
    }
}
