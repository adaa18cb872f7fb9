package dev.berth.planner;

/**
 * {@code docker compose down}'s options.
 *
 * @param removeVolumes {@code -v}: the project's named volumes (not external ones) and its containers' anonymous ones
 * @param removeOrphans also the containers of services the project no longer has, and one-off ({@code run}) containers
 * @param timeout       {@code -t}: seconds before SIGKILL; null: each container's own
 */
public record DownOptions(boolean removeVolumes, boolean removeOrphans, Integer timeout) {

    public static DownOptions defaults() {
        return new DownOptions(false, false, null);
    }
}
