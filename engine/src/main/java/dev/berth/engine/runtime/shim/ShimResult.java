package dev.berth.engine.runtime.shim;

import java.util.List;

/** A finished container: the shim's exit code, its exit file, the log and the shim's own messages. */
public record ShimResult(int shimExitCode, ExitStatus exit, List<LogEntry> log, String messages) {

    public ShimResult {
        log = List.copyOf(log);
    }

    public String stdout() {
        return LogEntry.text(log, "stdout");
    }

    public String stderr() {
        return LogEntry.text(log, "stderr");
    }
}
