package dev.berth.planner.plan;

import java.util.List;

/**
 * A node of a {@link Plan}: an action that runs once the steps {@code after} names are done.
 *
 * @param reason why the plan has it ("no container", "configuration changed", …), for the dry run
 */
public record Step(int id, Action action, List<Integer> after, String reason) {

    public Step {
        after = after.stream().distinct().sorted().toList();
        reason = reason == null ? "" : reason;
    }
}
