package dev.berth.planner;

/** A project the planner cannot plan for (a missing external network, a dependency cycle, …); nothing was done. */
public class PlanException extends Exception {

    public PlanException(String message) {
        super(message);
    }
}
