package dev.berth.planner;

import dev.berth.planner.desired.DesiredState;
import dev.berth.planner.engine.StackEngine;
import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.observed.StateObserver;
import dev.berth.planner.plan.Plan;
import java.io.IOException;

/**
 * Observe, then plan: what {@code berth up}, {@code up --dry-run}, {@code plan} and {@code down} call
 * before they hand the plan to the executor (or print it).
 */
public final class Planner {

    private Planner() {
    }

    public static Plan up(StackEngine engine, DesiredState desired, UpOptions options) throws IOException, PlanException {
        ObservedState observed = StateObserver.observe(engine, desired.project(), !desired.volumes().isEmpty());
        return UpPlanner.plan(desired, observed, options);
    }

    /** {@code desired}: null when there are no project files ({@code down -p NAME}). */
    public static Plan down(StackEngine engine, String project, DesiredState desired, DownOptions options)
            throws IOException, PlanException {
        ObservedState observed = StateObserver.observe(engine, project, options.removeVolumes());
        return DownPlanner.plan(desired, observed, options);
    }
}
