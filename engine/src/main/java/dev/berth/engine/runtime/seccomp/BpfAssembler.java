package dev.berth.engine.runtime.seccomp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a BPF program back to front, as libseccomp does: classic BPF only jumps forward, so every
 * jump target exists before the jump is emitted and its distance is known. Conditional jumps reach
 * 255 instructions; a farther target gets an unconditional {@code JA} (32-bit offset) next to the
 * jump, and a far {@code RET} is simply emitted again.
 */
final class BpfAssembler {

    private static final int MAX_JUMP = 255;
    /** Reach we rely on when choosing targets: the other side of a jump may add two instructions after. */
    private static final int SAFE_JUMP = MAX_JUMP - 2;

    /** Where a jump goes: an emitted instruction, or "return this value" (placed where convenient). */
    sealed interface Target permits Label, Return {}

    /** An emitted instruction, as its index from the end of the program. */
    record Label(int fromEnd) implements Target {}

    record Return(int value) implements Target {}

    private final List<BpfInstruction> reversed = new ArrayList<>();
    private final Map<Integer, Label> returns = new HashMap<>();

    /** Emits {@code insn} before everything emitted so far; it is what the returned label points at. */
    Label emit(BpfInstruction insn) {
        reversed.add(insn);
        return new Label(reversed.size() - 1);
    }

    /** Emits {@code insn} (not a jump or return) so that it continues with {@code next}. */
    Label emit(BpfInstruction insn, Target next) {
        if (!(next instanceof Label label && label.fromEnd() == reversed.size() - 1)) {
            switch (next) {
                case Label far -> emit(BpfInstruction.statement(BpfInstruction.JA, distance(far)));
                case Return r -> emit(BpfInstruction.statement(BpfInstruction.RET_K, r.value()));
            }
        }
        return emit(insn);
    }

    /** A label for "return {@code value}", reusing an earlier RET when a jump from here reaches it. */
    Label ret(int value) {
        Label existing = returns.get(value);
        if (existing != null && distance(existing) <= SAFE_JUMP) {
            return existing;
        }
        Label label = emit(BpfInstruction.statement(BpfInstruction.RET_K, value));
        returns.put(value, label);
        return label;
    }

    Label label(Target target) {
        return switch (target) {
            case Label label -> label;
            case Return r -> ret(r.value());
        };
    }

    /** {@code if (A <op> k) goto whenTrue; else goto whenFalse}; returns the jump's label. */
    Label jump(int code, int k, Target whenTrue, Target whenFalse) {
        Label t = near(label(whenTrue));
        Label f = near(label(whenFalse)); // adds at most one instruction, which SAFE_JUMP allows for
        int jt = distance(t);
        int jf = distance(f);
        if (jt > MAX_JUMP || jf > MAX_JUMP) {
            throw new IllegalStateException("BPF jump out of reach after trampolines: " + jt + "/" + jf);
        }
        return emit(new BpfInstruction(code, jt, jf, k));
    }

    /** Makes {@code target} reachable by a conditional jump emitted next, via a JA if needed. */
    private Label near(Label target) {
        if (distance(target) <= SAFE_JUMP) {
            return target;
        }
        return emit(BpfInstruction.statement(BpfInstruction.JA, distance(target)));
    }

    /** The jump offset from an instruction emitted next to {@code target}. */
    private int distance(Label target) {
        return reversed.size() - 1 - target.fromEnd();
    }

    int size() {
        return reversed.size();
    }

    BpfProgram program() {
        List<BpfInstruction> forward = new ArrayList<>(reversed);
        Collections.reverse(forward);
        return new BpfProgram(forward);
    }
}
