package dev.berth.planner.execute;

/**
 * A step of a plan failed: the steps not yet started were not started; what was done stays done, so
 * the next {@code up} goes on from there.
 *
 * @see #service() the service the failure is about (empty for a network or volume)
 */
public class PlanFailedException extends Exception {

    private final String service;

    public PlanFailedException(String service, String message, Throwable cause) {
        super(message, cause);
        this.service = service == null ? "" : service;
    }

    public String service() {
        return service;
    }
}
