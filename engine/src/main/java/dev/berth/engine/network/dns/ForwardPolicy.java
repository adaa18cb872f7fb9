package dev.berth.engine.network.dns;

import java.time.Duration;

/**
 * How names the records do not know are forwarded: upstreams are tried in order, each up to
 * {@code attemptsPerServer} times over UDP with {@code attemptTimeout} per attempt (a truncated
 * answer is fetched again over TCP), all within {@code budget}; then the asker gets SERVFAIL. The
 * budget stays under a stub resolver's own 5 s timeout so it hears SERVFAIL rather than nothing.
 * At most {@code maxConcurrent} forwards are in flight (as Docker's 1024); more get REFUSED.
 */
public record ForwardPolicy(Duration attemptTimeout, int attemptsPerServer, Duration budget, int maxConcurrent) {

    public static final ForwardPolicy DEFAULT = new ForwardPolicy(Duration.ofMillis(1500), 2, Duration.ofSeconds(4), 1024);

    public ForwardPolicy {
        if (attemptTimeout.isNegative() || attemptTimeout.isZero()) throw new IllegalArgumentException("forward attempt timeout must be > 0");
        if (budget.compareTo(attemptTimeout) < 0) throw new IllegalArgumentException("forward budget must be >= the attempt timeout");
        if (attemptsPerServer < 1) throw new IllegalArgumentException("forward attempts per server must be >= 1");
        if (maxConcurrent < 1) throw new IllegalArgumentException("forward concurrency must be >= 1");
    }
}
