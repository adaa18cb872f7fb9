package dev.berth.planner.plan;

import java.util.List;

/**
 * What to do to make the engine match a project: a DAG of {@link Step}s, each after the steps it
 * names (always earlier ones: the list is in a valid order). The executor runs independent steps in
 * parallel; {@code up --dry-run} prints it ({@link PlanText}).
 *
 * @param running  containers left as they are (running and up to date): compose's "Running" lines
 * @param orphans  containers of services the project no longer has (removed with {@code --remove-orphans})
 * @param warnings what the user should know (orphans kept, optional dependencies missing, …)
 */
public record Plan(String project, List<Step> steps, List<String> running, List<String> orphans, List<String> warnings) {

    public Plan {
        steps = List.copyOf(steps);
        running = List.copyOf(running);
        orphans = List.copyOf(orphans);
        warnings = List.copyOf(warnings);
        for (Step s : steps) {
            for (int before : s.after()) {
                if (before >= s.id()) throw new IllegalArgumentException("step #" + s.id() + " after a later step #" + before);
            }
        }
    }

    /** The steps that act on containers: none when the project already runs as asked. */
    public List<Step> containerSteps() {
        return steps.stream().filter(s -> s.action().onContainer()).toList();
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    public Step step(int id) {
        return steps.stream().filter(s -> s.id() == id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no step #" + id));
    }

    @Override
    public String toString() {
        return PlanText.render(this);
    }
}
