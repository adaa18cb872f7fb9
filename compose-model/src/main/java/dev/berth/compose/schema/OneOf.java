package dev.berth.compose.schema;

import dev.berth.compose.tree.KeyPath;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Exactly one of several shapes ({@code oneOf}), e.g. a string or a list. Branches whose kinds do not
 * fit the value are ruled out without running them. When no branch fits, the error reported is the
 * one compose-go would print: the most specific finding of the branches that could apply.
 */
final class OneOf implements Rule {

    private final List<Rule> branches;
    private final Set<Kind> kinds;
    private final List<Kind> inBranchOrder;

    OneOf(List<Rule> branches) {
        this.branches = List.copyOf(branches);
        Set<Kind> all = new LinkedHashSet<>();
        for (Rule b : branches) {
            for (Kind k : Kind.values()) if (b.kinds().contains(k)) all.add(k);
        }
        this.inBranchOrder = List.copyOf(all);
        this.kinds = Set.copyOf(all);
    }

    @Override
    public void check(Object value, KeyPath path, Report report) {
        List<Rule> candidates = candidates(value);
        if (candidates.isEmpty()) {
            report.add(path, Messages.mustBe(inBranchOrder, value));
            return;
        }
        if (candidates.size() == 1) {
            candidates.getFirst().check(value, path, report); // every error of the one shape that fits
            return;
        }
        int matches = 0;
        Report failures = new Report();
        for (Rule branch : candidates) {
            Report trial = new Report();
            branch.check(value, path, trial);
            if (trial.isEmpty()) matches++;
            else failures.add(trial.mostSpecific());
        }
        if (matches == 0) report.add(failures.mostSpecific());
        else if (matches > 1) report.add(path, "must match exactly one of the allowed shapes, matches " + matches);
    }

    private List<Rule> candidates(Object value) {
        Kind actual = Kind.of(value);
        List<Rule> out = new ArrayList<>(branches.size());
        for (Rule b : branches) {
            for (Kind k : b.kinds()) {
                if (k.accepts(actual)) {
                    out.add(b);
                    break;
                }
            }
        }
        return out;
    }

    @Override
    public Set<Kind> kinds() {
        return kinds;
    }
}
