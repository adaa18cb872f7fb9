package dev.berth.planner.plan;

import java.util.stream.Collectors;

/**
 * The plan as text, one line per step with the steps it waits for — what {@code berth up --dry-run}
 * and {@code berth plan} print:
 * <pre>
 * #1  Network proj_default   create                   not found
 * #2  Container proj-db-1    create     after #1      no container
 * </pre>
 */
public final class PlanText {

    private PlanText() {
    }

    public static String render(Plan plan) {
        StringBuilder out = new StringBuilder();
        int idWidth = String.valueOf(plan.steps().size()).length() + 1;
        int resourceWidth = plan.steps().stream().mapToInt(s -> s.action().resource().length()).max().orElse(0);
        int verbWidth = plan.steps().stream().mapToInt(s -> s.action().verb().length()).max().orElse(0);
        int afterWidth = plan.steps().stream().mapToInt(s -> after(s).length()).max().orElse(0);
        for (Step s : plan.steps()) {
            String line = pad("#" + s.id(), idWidth) + "  " + pad(s.action().resource(), resourceWidth) + "  "
                    + pad(s.action().verb(), verbWidth) + "  " + pad(after(s), afterWidth) + "  " + s.reason();
            out.append(line.stripTrailing()).append('\n');
        }
        if (plan.steps().isEmpty()) out.append("Nothing to do: project ").append(plan.project()).append(" is up to date\n");
        for (String c : plan.running()) out.append("Container ").append(c).append("  Running\n");
        for (String w : plan.warnings()) out.append("WARN ").append(w).append('\n');
        return out.toString();
    }

    private static String after(Step s) {
        return s.after().isEmpty() ? "" : "after " + s.after().stream().map(i -> "#" + i).collect(Collectors.joining(","));
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
