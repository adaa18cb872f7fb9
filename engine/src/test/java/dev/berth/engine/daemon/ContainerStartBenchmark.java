package dev.berth.engine.daemon;

import dev.berth.engine.EngineRoots;
import dev.berth.engine.api.CreateRequest;
import dev.berth.engine.api.EngineVersion;
import dev.berth.engine.api.WaitCondition;
import dev.berth.engine.container.HostConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * berthd's side of a container start, in process (no HTTP, no client): create → start → the exit
 * seen, for {@code busybox true}, after a warm-up (berthd is a long-lived JVM). Run with
 * {@code mvn -o -pl engine test -Dtest=ContainerStartBenchmark -Dberth.bench=true} (bench/run.sh does).
 */
@EnabledIfSystemProperty(named = "berth.bench", matches = "true", disabledReason = "a benchmark: run with -Dberth.bench=true")
class ContainerStartBenchmark {

    @TempDir
    Path dir;

    @Test
    void createStartExit() throws Exception {
        EngineRoots roots = EngineFixture.rootsWithBusybox(dir);
        try (EngineService engine = EngineService.open(roots, new EngineVersion("bench", EngineVersion.API_VERSION, "linux",
                "amd64", "", "", 0, roots.root().toString()))) {
            for (String network : List.of("none", "bridge")) {
                HostConfig host = new HostConfig(0, 0, 0, 0, null, 0, null, null, false, null, false, null, false, false, null,
                        null, network, 0);
                CreateRequest request = CreateRequest.of("busybox").withCmd(List.of("true")).withHostConfig(host);
                for (int i = 0; i < 200; i++) once(engine, request); // warm-up: the JIT, the page cache
                List<Long> micros = new ArrayList<>();
                for (int i = 0; i < 100; i++) micros.add(once(engine, request));
                Collections.sort(micros);
                System.out.printf("berthd create -> start -> exit seen (busybox true, --network %s), in process: median %.1f ms, p90 %.1f ms (100 runs)%n",
                        network, micros.get(50) / 1000.0, micros.get(90) / 1000.0);
            }
        }
        EngineFixture.assertNothingLeft(dir);
    }

    private static long once(EngineService engine, CreateRequest request) throws Exception {
        long start = System.nanoTime();
        String id = engine.create(request);
        var exit = engine.waitAsync(id, WaitCondition.NEXT_EXIT);
        engine.start(id);
        exit.get();
        long micros = (System.nanoTime() - start) / 1000;
        engine.remove(id, false);
        return micros;
    }
}
