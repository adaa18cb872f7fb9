package dev.berth.cli.container;

import dev.berth.cli.image.HumanUnits;
import dev.berth.cli.image.Table;
import dev.berth.engine.api.ContainerStats;
import dev.berth.engine.api.EngineClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth stats}: CPU %, memory use / limit, memory % and PIDs per container, from two
 * readings of its cgroup a second apart (Docker's way of computing CPU %); refreshed every second
 * until interrupted, or once with {@code --no-stream}.
 */
@Command(name = "stats", description = "Display a live stream of container(s) resource usage statistics.")
public final class StatsCommand extends ContainerCommand implements Callable<Integer> {

    @Option(names = "--no-stream", description = "Disable streaming stats and only pull the first result.")
    boolean noStream;

    @Option(names = {"-a", "--all"}, description = "Show all containers (default shows just running).")
    boolean all;

    @Parameters(arity = "0..*", paramLabel = "CONTAINER")
    List<String> names = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        EngineClient engine = engine();
        List<String> refs = new ArrayList<>(names);
        if (refs.isEmpty()) engine.list(all, List.of()).forEach(c -> refs.add(c.id()));
        Map<String, ContainerStats> previous = read(engine, refs);
        do {
            Thread.sleep(1000);
            Map<String, ContainerStats> now = read(engine, refs);
            Table table = new Table("CONTAINER ID", "NAME", "CPU %", "MEM USAGE / LIMIT", "MEM %", "PIDS");
            for (var e : now.entrySet()) {
                ContainerStats s = e.getValue();
                ContainerStats p = previous.getOrDefault(e.getKey(), s);
                table.row(s.id().substring(0, 12), s.name(), String.format("%.2f%%", cpuPercent(p, s)),
                        HumanUnits.binarySize(s.memoryUsageBytes()) + " / " + HumanUnits.binarySize(s.memoryLimitBytes()),
                        String.format("%.2f%%", s.memoryLimitBytes() <= 0 ? 0.0 : 100.0 * s.memoryUsageBytes() / s.memoryLimitBytes()),
                        String.valueOf(s.pidsCurrent()));
            }
            if (!noStream) out().print("\033[2J\033[H"); // Docker clears the screen between readings
            table.print(out());
            out().flush();
            previous = now;
        } while (!noStream);
        return 0;
    }

    /** Docker's formula: container CPU time over all CPUs' time, times the number of CPUs. */
    static double cpuPercent(ContainerStats before, ContainerStats after) {
        long cpu = after.cpuUsageNanos() - before.cpuUsageNanos();
        long system = after.systemCpuNanos() - before.systemCpuNanos();
        return cpu > 0 && system > 0 ? 100.0 * cpu / system * after.onlineCpus() : 0.0;
    }

    private static Map<String, ContainerStats> read(EngineClient engine, List<String> refs) throws IOException {
        Map<String, ContainerStats> out = new LinkedHashMap<>();
        for (String r : refs) out.put(r, engine.stats(r));
        return out;
    }
}
