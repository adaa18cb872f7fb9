package dev.berth.engine.network.dns;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Platform daemon threads named {@code PREFIX-N}, so a leak is easy to find by name; remembers them
 * so that {@link #joinAll()} can wait until every one has really ended.
 */
final class NamedThreads implements ThreadFactory {

    private final String prefix;
    private final AtomicInteger count = new AtomicInteger();
    private final Queue<Thread> made = new ConcurrentLinkedQueue<>();

    NamedThreads(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable r) {
        Thread t = Thread.ofPlatform().name(prefix + "-" + count.incrementAndGet()).daemon(true).unstarted(r);
        made.add(t);
        return t;
    }

    Thread start(Runnable r) {
        Thread t = newThread(r);
        t.start();
        return t;
    }

    /** Waits for every thread made so far to end; returns whether it was interrupted meanwhile. */
    boolean joinAll() {
        boolean interrupted = false;
        for (Thread t : List.copyOf(made)) {
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        return interrupted;
    }
}
