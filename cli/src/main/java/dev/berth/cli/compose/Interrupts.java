package dev.berth.cli.compose;

import dev.berth.cli.BerthCommand;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ctrl-C while {@code up} is attached, as compose takes it: the first stops the project's containers
 * (they end, their output ends, {@code up} returns 130); a second one ends berth at once. Only for a
 * real process ({@code processStdio}): a command run inside another JVM (tests) leaves that JVM's
 * signals alone.
 */
public final class Interrupts implements AutoCloseable {

    /** What the first Ctrl-C does. */
    public interface Action {
        void run() throws Exception;
    }

    private final AtomicInteger count = new AtomicInteger();
    private final sun.misc.Signal signal = new sun.misc.Signal("INT");
    private final sun.misc.SignalHandler previous;

    private Interrupts(Action action, boolean install) {
        if (!install) {
            previous = null;
            return;
        }
        previous = sun.misc.Signal.handle(signal, s -> {
            if (count.incrementAndGet() > 1) Runtime.getRuntime().halt(130);
            Thread.ofPlatform().name("ctrl-c").start(() -> {
                try {
                    action.run();
                } catch (Exception e) {
                    System.err.println("berth: stopping after Ctrl-C: " + e.getMessage());
                }
            });
        });
    }

    public static Interrupts onInterrupt(BerthCommand berth, Action action) {
        return new Interrupts(action, berth.invocation().processStdio());
    }

    public boolean interrupted() {
        return count.get() > 0;
    }

    @Override
    public void close() {
        if (previous != null) sun.misc.Signal.handle(signal, previous);
    }
}
