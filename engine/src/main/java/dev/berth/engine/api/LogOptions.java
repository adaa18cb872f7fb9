package dev.berth.engine.api;

import java.time.Instant;

/**
 * {@code docker logs} options.
 *
 * @param tail  the last N lines only; -1 = all
 * @param since only entries at or after this time (null: from the start)
 * @param until only entries before this time (null: no end)
 */
public record LogOptions(boolean follow, int tail, Instant since, Instant until, boolean stdout, boolean stderr) {

    public static final LogOptions ALL = new LogOptions(false, -1, null, null, true, true);

    public LogOptions withFollow(boolean f) {
        return new LogOptions(f, tail, since, until, stdout, stderr);
    }
}
