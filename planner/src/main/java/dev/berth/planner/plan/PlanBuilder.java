package dev.berth.planner.plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Adds steps in order, numbering them from 1. */
public final class PlanBuilder {

    private final String project;
    private final List<Step> steps = new ArrayList<>();
    private final List<String> running = new ArrayList<>();
    private final List<String> orphans = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    public PlanBuilder(String project) {
        this.project = project;
    }

    /** Adds a step after {@code after}; returns its id. */
    public int add(Action action, String reason, Collection<Integer> after) {
        int id = steps.size() + 1;
        steps.add(new Step(id, action, List.copyOf(after), reason));
        return id;
    }

    public void running(String container) {
        running.add(container);
    }

    public void orphan(String container) {
        orphans.add(container);
    }

    public void warn(String warning) {
        warnings.add(warning);
    }

    public Plan build() {
        return new Plan(project, steps, running, orphans, warnings);
    }
}
