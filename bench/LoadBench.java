import dev.berth.compose.loader.LoadOptions;
import dev.berth.compose.loader.ProjectLoader;
import dev.berth.compose.model.Project;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Loads one Compose file with berth's whole pipeline and prints how long it took: the first load
 * in a fresh JVM (what a `berth` command pays) and the median of warm loads.
 * Run by bench/load.sh; arguments: FILE [WARM_RUNS].
 */
public class LoadBench {
    public static void main(String[] args) {
        Path file = Path.of(args[0]).toAbsolutePath();
        int warm = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        LoadOptions options = LoadOptions.defaults(file.getParent(), System.getenv()).withFiles(file.toString());
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long t0 = System.nanoTime();
        Project p = ProjectLoader.load(options);
        long first = System.nanoTime() - t0;
        long sinceJvmStart = System.currentTimeMillis() - jvmStart;
        long[] runs = new long[warm];
        for (int i = 0; i < warm; i++) {
            long s = System.nanoTime();
            ProjectLoader.load(options);
            runs[i] = System.nanoTime() - s;
        }
        Arrays.sort(runs);
        System.out.printf("services: %d%n", p.services().size());
        System.out.printf("first load (cold JVM): %d ms%n", first / 1_000_000);
        System.out.printf("JVM start to first load done: %d ms%n", sinceJvmStart);
        if (warm > 0) System.out.printf("warm load, median of %d: %d ms%n", warm, runs[warm / 2] / 1_000_000);
    }
}
