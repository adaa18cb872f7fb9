package dev.berth.engine.api;

/** Docker's wait conditions: {@code not-running} (default), {@code next-exit}, {@code removed}. */
public enum WaitCondition {
    NOT_RUNNING("not-running"), NEXT_EXIT("next-exit"), REMOVED("removed");

    private final String wire;

    WaitCondition(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static WaitCondition parse(String s) {
        if (s == null || s.isEmpty()) return NOT_RUNNING;
        for (WaitCondition c : values()) if (c.wire.equals(s)) return c;
        throw new IllegalArgumentException("invalid condition \"" + s + "\": expected not-running, next-exit or removed");
    }
}
