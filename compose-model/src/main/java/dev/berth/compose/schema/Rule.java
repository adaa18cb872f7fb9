package dev.berth.compose.schema;

import dev.berth.compose.tree.KeyPath;
import java.util.Set;

/** One node of the Compose schema written in Java: checks a value and reports what is wrong with it. */
interface Rule {

    /** Checks {@code value} (never a tag marker: {@link Report#check} unwraps those) found at {@code path}. */
    void check(Object value, KeyPath path, Report report);

    /** The kinds of value this rule can accept at all; lets {@link OneOf} skip branches cheaply. */
    Set<Kind> kinds();
}
