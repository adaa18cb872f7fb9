package dev.berth.cli.container;

import dev.berth.cli.BuildInfo;
import dev.berth.cli.ImageServices;
import dev.berth.cli.Invocation;
import dev.berth.compose.normalize.ByteSize;
import dev.berth.engine.EngineRoots;
import dev.berth.engine.api.BerthdLauncher;
import dev.berth.engine.api.CreateRequest;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.WaitCondition;
import dev.berth.engine.api.WaitResult;
import dev.berth.engine.container.HostConfig;
import dev.berth.engine.container.RestartPolicy;
import dev.berth.engine.image.store.ImageNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import dev.berth.engine.runtime.ContainerRuntime;
import dev.berth.engine.runtime.shim.ShimAttach;
import dev.berth.engine.runtime.shim.ShimBinary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code berth run} does once its options are read: berthd creates the container (the image
 * pulled first when it is not here) and starts it; in the foreground its output comes here and its
 * exit code is ours, with {@code -d} its ID is printed. No picocli in here: the fast path uses it too.
 */
public final class ContainerRun {

    private ContainerRun() {
    }

    public static int run(RunOptions o, Invocation invocation, PrintWriter out, PrintWriter err) throws Exception {
        CreateRequest request = request(o, invocation);
        Map<String, String> env = invocation.environment();
        EngineClient engine = BerthdLauncher.connect(EngineRoots.fromEnvironment(env), env, BuildInfo.version());
        String id;
        try {
            id = engine.create(request);
        } catch (ImageNotFoundException missing) {
            err.println("Unable to find image '" + o.image() + "' locally");
            err.flush();
            ImageServices.open(env, List.of()).pull(o.image(), event -> { });
            id = engine.create(request);
        }
        if (o.detach()) {
            engine.start(id);
            out.println(id);
            return 0;
        }
        return foreground(engine, id, o.interactive(), o.tty(), o.remove(), invocation, out, err);
    }

    /**
     * A created container started in the foreground: its output here (stdin to it when
     * {@code interactive}), its exit code returned; {@code remove}: waits until {@code --rm} has
     * removed it. Also {@code berth compose run}'s attach path.
     */
    public static int foreground(EngineClient engine, String id, boolean interactive, boolean tty, boolean remove,
                                 Invocation invocation, PrintWriter out, PrintWriter err) throws Exception {
        if (interactive || tty) return interactive(interactive, tty, remove, id, engine, invocation, out, err);
        // as Docker's CLI: attached and waiting before the start, so neither output nor exit is missed
        WaitResult result;
        try (var output = engine.attach(id)) {
            var exit = engine.waitAsync(id, remove ? WaitCondition.REMOVED : WaitCondition.NEXT_EXIT);
            engine.start(id);
            output.forEach(entry -> {
                PrintWriter to = entry.stream().equals("stderr") ? err : out;
                to.print(entry.log());
                to.flush();
            });
            result = exit.get();
        }
        if (result.error() != null && !result.error().isEmpty() && result.statusCode() >= 125) err.println(result.error());
        return result.statusCode();
    }

    /**
     * {@code run -i} / {@code -t} in the foreground: the container is held until this client is on its
     * attach socket (berth-shim's, under BERTH_RUN), then stdin goes to it and its output comes here.
     * With {@code -t} on this process's own terminal, {@code berth-shim attach} does the terminal
     * work (raw mode, window size, SIGWINCH) with the terminal itself as its stdio.
     */
    private static int interactive(boolean stdin, boolean tty, boolean remove, String id, EngineClient engine,
                                   Invocation invocation, PrintWriter out, PrintWriter err) throws Exception {
        EngineRoots roots = EngineRoots.fromEnvironment(invocation.environment());
        var exit = engine.waitAsync(id, remove ? WaitCondition.REMOVED : WaitCondition.NEXT_EXIT);
        engine.start(id, true);
        relay(roots, id, tty, stdin, invocation, out, err);
        WaitResult result = exit.get();
        if (result.error() != null && !result.error().isEmpty() && result.statusCode() >= 125) err.println(result.error());
        return result.statusCode();
    }

    /**
     * This process's stdio on a container's attach socket until the container's output ends: stdin
     * to it when {@code stdin}; with {@code tty} on this process's own terminal, through
     * {@code berth-shim attach} (raw mode, window size), else relayed here.
     */
    static void relay(EngineRoots roots, String id, boolean tty, boolean stdin, Invocation invocation, PrintWriter out,
                      PrintWriter err) throws IOException, InterruptedException {
        Path socket = ContainerRuntime.attachSocket(roots, id);
        out.flush();
        if (tty && invocation.processStdio()) {
            List<String> command = new ArrayList<>(List.of(ShimBinary.locate(roots.root().resolve("bin")).toString(), "attach",
                    socket.toString(), "--tty", "--control", ContainerRuntime.controlSocket(roots, id).toString()));
            if (stdin) command.add("--stdin");
            new ProcessBuilder(command).inheritIO().start().waitFor();
            return;
        }
        try (ShimAttach attach = ShimAttach.connect(socket)) {
            Thread pump = null;
            if (stdin) {
                pump = Thread.ofPlatform().daemon().name("berth-stdin").start(() -> {
                    try {
                        attach.pumpStdin(invocation.stdin());
                    } catch (IOException gone) {
                        // the container has ended
                    }
                });
            }
            OutputStream stdout = new PrintWriterStream(out);
            if (tty) attach.copyRaw(stdout);
            else attach.demux(stdout, new PrintWriterStream(err));
            if (pump != null) pump.interrupt();
        }
    }

    /** Bytes to a PrintWriter (the command's out/err), decoded as UTF-8, flushed as they come. */
    private static final class PrintWriterStream extends OutputStream {
        private final PrintWriter to;
        private final java.nio.charset.CharsetDecoder decoder = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPLACE)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPLACE);
        private final java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();

        PrintWriterStream(PrintWriter to) {
            this.to = to;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            pending.write(b, off, len);
            java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(pending.toByteArray());
            java.nio.CharBuffer chars = java.nio.CharBuffer.allocate(in.remaining() + 1);
            decoder.decode(in, chars, false); // a character cut at the end stays pending
            chars.flip();
            to.append(chars);
            to.flush();
            byte[] rest = new byte[in.remaining()];
            in.get(rest);
            pending.reset();
            pending.write(rest, 0, rest.length);
        }
    }

    static CreateRequest request(RunOptions o, Invocation invocation) throws IOException {
        List<String> envList = EnvArguments.resolve(o.envFiles(), o.env(), invocation);
        Map<String, String> labels = dev.berth.cli.LabelArguments.toMap(o.labels());
        String ep = o.entrypoint();
        return new CreateRequest(o.name(), o.image(), ep == null ? null : ep.isEmpty() ? List.of() : List.of(ep),
                o.command().isEmpty() ? null : o.command(), envList, o.workdir(), o.user(), o.hostname(), o.domainname(), labels,
                o.tty(), o.interactive(), o.interactive(), o.stopSignal(), o.stopTimeout(), host(o), null, o.health().healthcheck(), null)
                .withNetworkAliases(o.networkAliases());
    }

    private static HostConfig host(RunOptions o) {
        Map<String, String> tmpfs = new LinkedHashMap<>();
        for (String t : o.tmpfs()) {
            int colon = t.indexOf(':');
            tmpfs.put(colon < 0 ? t : t.substring(0, colon), colon < 0 ? "" : t.substring(colon + 1));
        }
        String swap = o.memorySwap();
        return new HostConfig(bytes(o.memory()), swap == null ? 0 : swap.equals("-1") ? -1 : bytes(swap),
                o.cpus() == null ? 0 : Math.round(o.cpus() * 1e9), o.cpuShares(), o.cpusetCpus(), o.pidsLimit(), o.capAdd(),
                o.capDrop(), o.privileged(), o.securityOpt(), o.readOnly(), RestartPolicy.parse(o.restart()), o.init(),
                o.remove(), o.volumes(), tmpfs, o.network(), 0, o.ulimits().stream().map(HostConfig.Ulimit::parse).toList(),
                o.dns(), o.dnsSearch(), o.dnsOptions(), o.addHosts(),
                o.publish().stream().flatMap(p -> dev.berth.engine.container.PortBinding.parse(p).stream()).toList(),
                o.mounts().stream().map(MountArgument::parse).toList(), sysctls(o.sysctls()));
    }

    /** {@code --sysctl KEY=VALUE}, repeatable. */
    private static Map<String, String> sysctls(List<String> given) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String kv : given) {
            int eq = kv.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("invalid argument \"" + kv + "\" for \"--sysctl\" flag: expected KEY=VALUE");
            out.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return out;
    }

    /** Docker's memory units are go-units' RAMInBytes, as Compose's: {@code 32m} = 33554432. */
    static long bytes(String s) {
        return s == null || s.isEmpty() ? 0 : ByteSize.parse(s.trim());
    }
}
