package dev.berth.engine.container;

/**
 * {@code --restart}: {@code no}, {@code always}, {@code unless-stopped}, {@code on-failure[:N]}.
 *
 * @param maximumRetryCount for on-failure, 0 = unlimited
 */
public record RestartPolicy(String name, int maximumRetryCount) {

    public static final RestartPolicy NO = new RestartPolicy("no", 0);

    public static RestartPolicy parse(String spec) {
        if (spec == null || spec.isEmpty() || spec.equals("no")) return NO;
        if (spec.equals("always") || spec.equals("unless-stopped")) return new RestartPolicy(spec, 0);
        if (spec.equals("on-failure")) return new RestartPolicy("on-failure", 0);
        if (spec.startsWith("on-failure:")) {
            try {
                int n = Integer.parseInt(spec.substring("on-failure:".length()));
                if (n < 0) throw new NumberFormatException();
                return new RestartPolicy("on-failure", n);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid restart policy \"" + spec + "\": the retry count must be a number >= 0");
            }
        }
        if (spec.contains(":")) {
            throw new IllegalArgumentException("invalid restart policy \"" + spec + "\": only on-failure takes a retry count");
        }
        throw new IllegalArgumentException("invalid restart policy \"" + spec
                + "\": expected no, always, unless-stopped or on-failure[:max-retries]");
    }

    /**
     * Whether a container that ended this way is started again (Docker's rules; {@code stoppedByUser}
     * = it was stopped with {@code stop}/{@code kill}).
     */
    public boolean restarts(int exitCode, int restartCount, boolean stoppedByUser) {
        if (stoppedByUser) return false;
        return switch (name) {
            case "always", "unless-stopped" -> true;
            case "on-failure" -> exitCode != 0 && (maximumRetryCount == 0 || restartCount < maximumRetryCount);
            default -> false;
        };
    }
}
