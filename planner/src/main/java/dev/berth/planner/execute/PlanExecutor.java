package dev.berth.planner.execute;

import dev.berth.planner.engine.StackEngine;
import dev.berth.planner.execute.ProgressEvent.Status;
import dev.berth.planner.plan.Plan;
import dev.berth.planner.plan.Step;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a {@link Plan}: each step once the steps it comes after are done, independent ones in
 * parallel on a bounded pool of platform threads. The first failure stops the plan: steps not yet
 * started are not started, running ones finish (waits give up), and {@link #run} throws naming the
 * service. What was done stays done: the next plan starts from there and converges.
 */
public final class PlanExecutor {

    private final StackEngine engine;
    private final ProgressListener listener;
    private final ExecutorOptions options;

    public PlanExecutor(StackEngine engine, ProgressListener listener, ExecutorOptions options) {
        this.engine = engine;
        this.options = options;
        // one event at a time, whatever thread it comes from: the listener need not be thread-safe
        this.listener = event -> {
            synchronized (this) {
                listener.onEvent(event);
            }
        };
    }

    public PlanExecutor(StackEngine engine, ProgressListener listener) {
        this(engine, listener, ExecutorOptions.defaults());
    }

    private record Outcome(Step step, Exception failure) {}

    public void run(Plan plan) throws PlanFailedException {
        for (String c : plan.running()) listener.onEvent(new ProgressEvent("Container " + c, "Running", Status.DONE));
        if (plan.isEmpty()) return;
        AtomicBoolean failed = new AtomicBoolean();
        StepRunner runner = new StepRunner(engine, plan.project(), options, listener, failed::get);
        Map<Integer, Integer> waitingFor = new HashMap<>();
        Map<Integer, List<Step>> next = new HashMap<>();
        for (Step s : plan.steps()) {
            waitingFor.put(s.id(), s.after().size());
            for (int before : s.after()) next.computeIfAbsent(before, x -> new ArrayList<>()).add(s);
        }
        BlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(options.parallelism(), plan.steps().size()),
                Thread.ofPlatform().name("berth-plan-", 1).daemon(true).factory());
        List<Outcome> failures = new ArrayList<>();
        int running = 0;
        try {
            for (Step s : plan.steps()) {
                if (s.after().isEmpty()) {
                    submit(pool, runner, s, outcomes);
                    running++;
                }
            }
            while (running > 0) {
                Outcome o = outcomes.take();
                running--;
                if (o.failure() != null) {
                    failures.add(o);
                    failed.set(true);
                }
                if (failed.get()) continue;
                for (Step s : next.getOrDefault(o.step().id(), List.of())) {
                    if (waitingFor.merge(s.id(), -1, Integer::sum) == 0) {
                        submit(pool, runner, s, outcomes);
                        running++;
                    }
                }
            }
        } catch (InterruptedException e) {
            failed.set(true);
            pool.shutdownNow();
            Thread.currentThread().interrupt();
            throw new PlanFailedException("", "interrupted: the plan of project " + plan.project() + " was stopped", e);
        } finally {
            pool.shutdown();
        }
        if (!failures.isEmpty()) {
            Outcome first = failures.stream().filter(f -> !(f.failure() instanceof InterruptedException)).findFirst()
                    .orElse(failures.getFirst());
            throw new PlanFailedException(first.step().action().service(), first.failure().getMessage(), first.failure());
        }
    }

    private static void submit(ExecutorService pool, StepRunner runner, Step s, BlockingQueue<Outcome> outcomes) {
        pool.execute(() -> {
            Exception failure = null;
            try {
                runner.run(s.action());
            } catch (Exception | Error e) {
                failure = e instanceof Exception x ? x : new RuntimeException(e);
            }
            outcomes.add(new Outcome(s, failure));
        });
    }
}
