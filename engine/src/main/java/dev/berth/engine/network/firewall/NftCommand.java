package dev.berth.engine.network.firewall;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@link Nft} through the {@code nft} command (Debian package nftables). */
public final class NftCommand implements Nft {

    private final String nft;

    public NftCommand(String nftPath) {
        this.nft = nftPath;
    }

    /** The nft on this host ({@code /usr/sbin/nft} or {@code /sbin/nft}); a {@link FirewallException} naming the package if none. */
    public static NftCommand locate() {
        for (String p : new String[] {"/usr/sbin/nft", "/sbin/nft", "/usr/bin/nft"}) {
            if (Files.isExecutable(Path.of(p))) return new NftCommand(p);
        }
        throw new FirewallException("nft not found in /usr/sbin, /sbin or /usr/bin: install the nftables package (apt-get install nftables)");
    }

    /** Whether this host has nft at all (tests skip without it). */
    public static boolean available() {
        try {
            locate();
            return true;
        } catch (FirewallException e) {
            return false;
        }
    }

    @Override
    public void apply(String script) {
        Result r = run(List.of(nft, "-f", "-"), script);
        if (r.exit != 0) {
            throw new FirewallException(nft + " -f - failed (exit " + r.exit + "): " + r.err.strip() + "\nscript:\n" + script);
        }
    }

    @Override
    public String listJson(String what) {
        List<String> cmd = new ArrayList<>(List.of(nft, "-j", "-a", "list"));
        cmd.addAll(List.of(what.trim().split("\\s+")));
        Result r = run(cmd, null);
        if (r.exit != 0) {
            if (r.err.contains("No such file or directory")) return null;
            throw new FirewallException(String.join(" ", cmd) + " failed (exit " + r.exit + "): " + r.err.strip());
        }
        return r.out;
    }

    private record Result(int exit, String out, String err) {}

    private static Result run(List<String> cmd, String stdin) {
        try {
            Process p = new ProcessBuilder(cmd).start();
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            try (OutputStream in = p.getOutputStream()) {
                if (stdin != null) in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = p.waitFor();
            return new Result(exit, out, new String(err.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new FirewallException("cannot run " + String.join(" ", cmd) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FirewallException("interrupted while running " + String.join(" ", cmd), e);
        }
    }

    private static byte[] readAll(java.io.InputStream s) {
        try {
            return s.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
