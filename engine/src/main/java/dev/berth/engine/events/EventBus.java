package dev.berth.engine.events;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * berthd's events: published by the engine where its state changes, kept for a while (the last
 * {@link #HISTORY} events, for {@code since}) and delivered to every subscriber in the order they
 * were published. Publishing never blocks: a subscriber's queue takes what comes.
 */
public final class EventBus implements AutoCloseable {

    /** Docker's daemon keeps the last 256 events for {@code since}; berth keeps more (a 50-service up makes ~400). */
    public static final int HISTORY = 1024;

    private final ArrayDeque<EngineEvent> history = new ArrayDeque<>();
    private final List<Subscription> subscribers = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /** Records an event and hands it to the subscribers. */
    public synchronized void publish(EngineEvent e) {
        history.addLast(e);
        if (history.size() > HISTORY) history.removeFirst();
        for (Subscription s : subscribers) {
            if (s.filter.matches(e)) s.queue.add(e);
        }
    }

    /**
     * A subscription from now on, with the kept events that match from {@code since} (up to
     * {@code until}, if given) as its first ones — as Docker's daemon replays its buffer. Without
     * {@code since} nor {@code until}, none are replayed.
     */
    public synchronized Subscription subscribe(Instant since, Instant until, EventFilter filter) {
        Subscription s = new Subscription(filter, this);
        if (since != null || until != null) {
            long from = since == null ? Long.MIN_VALUE : nanos(since);
            long to = until == null ? Long.MAX_VALUE : nanos(until);
            for (EngineEvent e : history) {
                if (e.timeNano() >= from && e.timeNano() <= to && filter.matches(e)) s.queue.add(e);
            }
        }
        if (closed) s.queue.add(Subscription.END);
        else subscribers.add(s);
        return s;
    }

    /**
     * Delivers the events {@code docker events} shows: the kept ones from {@code since}, then new ones
     * as they come, until {@code until} has passed (without it: until berthd stops, the thread is
     * interrupted, or the sink throws — a client gone).
     */
    public void stream(Instant since, Instant until, EventFilter filter, java.util.function.Consumer<EngineEvent> sink) {
        if (since != null && until != null && until.isBefore(since)) {
            throw new IllegalArgumentException("until time (" + until + ") cannot be before since time (" + since + ")");
        }
        try (Subscription s = subscribe(since, until, filter)) {
            stream(s, until, sink);
        }
    }

    /** {@link #stream(Instant, Instant, EventFilter, java.util.function.Consumer)} on a subscription made before (and closed by the caller). */
    public void stream(Subscription s, Instant until, java.util.function.Consumer<EngineEvent> sink) {
        stream(s, until, sink, () -> false);
    }

    /** ... and ends early when {@code gone} says so (asked while no event comes: the client has gone). */
    public void stream(Subscription s, Instant until, java.util.function.Consumer<EngineEvent> sink, java.util.function.BooleanSupplier gone) {
        long to = until == null ? Long.MAX_VALUE : nanos(until);
        try {
            while (true) {
                long left = until == null ? 250 : Math.min(250, Math.max(0, (to - nanos(Instant.now())) / 1_000_000));
                EngineEvent e = s.next(left);
                if (e == null) {
                    if (until != null && nanos(Instant.now()) >= to || gone.getAsBoolean()) return;
                    continue;
                }
                if (e.timeNano() > to) return;
                sink.accept(e);
            }
        } catch (EndedException | InterruptedException stop) {
            if (stop instanceof InterruptedException) Thread.currentThread().interrupt();
        }
    }

    /** How many streams are open (tests: a client gone is a stream ended). */
    public int subscribers() {
        return subscribers.size();
    }

    /** The kept events, oldest first (tests). */
    public synchronized List<EngineEvent> history() {
        return new ArrayList<>(history);
    }

    static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    /** berthd is stopping: every subscription ends. */
    @Override
    public synchronized void close() {
        closed = true;
        for (Subscription s : subscribers) s.queue.add(Subscription.END);
        subscribers.clear();
    }

    /** The events of one client, in order; {@link #next} waits for the next one. */
    public static final class Subscription implements AutoCloseable {
        static final EngineEvent END = new EngineEvent("", "", "", null, 0);

        private final EventFilter filter;
        private final EventBus bus;
        private final LinkedBlockingQueue<EngineEvent> queue = new LinkedBlockingQueue<>();
        private boolean ended;

        private Subscription(EventFilter filter, EventBus bus) {
            this.filter = filter;
            this.bus = bus;
        }

        /**
         * The next event, waiting at most {@code timeoutMillis}; null when none came meanwhile.
         *
         * @throws EndedException when berthd has stopped
         */
        public EngineEvent next(long timeoutMillis) throws InterruptedException {
            if (ended) throw new EndedException();
            EngineEvent e = queue.poll(timeoutMillis, TimeUnit.MILLISECONDS);
            if (e == END) {
                ended = true;
                throw new EndedException();
            }
            return e;
        }

        @Override
        public void close() {
            bus.subscribers.remove(this);
        }
    }

    /** The bus was closed: no more events. */
    public static final class EndedException extends RuntimeException {
        EndedException() {
            super("berthd is stopping", null, false, false);
        }
    }
}
