package dev.berth.planner.execute;

/**
 * One progress line, as compose prints them: {@code Network proj_default  Created},
 * {@code Container proj-web-1  Started}.
 *
 * @param resource what it is about: {@code Container NAME}, {@code Network NAME}, {@code Volume NAME}
 * @param text     {@code Creating}, {@code Created}, {@code Starting}, {@code Healthy}, … or a warning's or error's text
 */
public record ProgressEvent(String resource, String text, Status status) {

    /** Working: under way; done: finished; warning: went on regardless; error: the plan stops. */
    public enum Status { WORKING, DONE, WARNING, ERROR }

    /** The line compose prints. */
    public String line() {
        return resource + "  " + text;
    }

    @Override
    public String toString() {
        return line();
    }
}
