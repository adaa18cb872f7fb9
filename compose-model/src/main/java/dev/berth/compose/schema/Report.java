package dev.berth.compose.schema;

import dev.berth.compose.tree.KeyPath;
import dev.berth.compose.tree.OverrideTag;
import dev.berth.compose.tree.ResetTag;
import java.util.ArrayList;
import java.util.List;

/** Collects findings while rules walk a document; a fresh one is used to try a {@link OneOf} branch. */
final class Report {

    private final List<Finding> findings = new ArrayList<>();

    /**
     * Runs {@code rule} on {@code value}, looking through tag markers: {@code !reset} is accepted
     * anywhere (it removes the value), {@code !override v} is checked as {@code v}.
     */
    void check(Rule rule, Object value, KeyPath path) {
        Object v = value;
        while (v instanceof OverrideTag(Object inner)) v = inner;
        if (v == ResetTag.INSTANCE) return;
        rule.check(v, path, this);
    }

    void add(Finding finding) {
        findings.add(finding);
    }

    void add(KeyPath path, String message) {
        findings.add(Finding.at(path, message));
    }

    void addAll(Report other) {
        findings.addAll(other.findings);
    }

    boolean isEmpty() {
        return findings.isEmpty();
    }

    List<Finding> findings() {
        return findings;
    }

    /** The finding compose-go would print: the deepest one, the first among equals. */
    Finding mostSpecific() {
        Finding best = null;
        for (Finding f : findings) {
            if (best == null || f.specificity() > best.specificity()) best = f;
        }
        return best;
    }
}
