package dev.berth.planner;

import java.util.List;

/**
 * {@code docker compose up}'s options that shape the plan.
 *
 * @param services      the services asked for (with their dependencies unless {@code noDeps}); empty: all
 * @param forceRecreate recreate the asked-for services' containers even when unchanged
 * @param noRecreate    never recreate: changed containers are left as they are
 * @param noStart       create, do not start
 * @param noDeps        the asked-for services only, without their dependencies (nor waits for them)
 * @param removeOrphans remove the containers of services the project no longer has
 * @param timeout       seconds a stopping container gets before SIGKILL; null: each container's own
 */
public record UpOptions(List<String> services, boolean forceRecreate, boolean noRecreate, boolean noStart, boolean noDeps,
                        boolean removeOrphans, Integer timeout) {

    public UpOptions {
        services = services == null ? List.of() : List.copyOf(services);
    }

    public static UpOptions defaults() {
        return new UpOptions(List.of(), false, false, false, false, false, null);
    }

    public UpOptions withServices(List<String> s) {
        return new UpOptions(s, forceRecreate, noRecreate, noStart, noDeps, removeOrphans, timeout);
    }

    public UpOptions withForceRecreate() {
        return new UpOptions(services, true, noRecreate, noStart, noDeps, removeOrphans, timeout);
    }

    public UpOptions withNoRecreate() {
        return new UpOptions(services, forceRecreate, true, noStart, noDeps, removeOrphans, timeout);
    }

    public UpOptions withNoStart() {
        return new UpOptions(services, forceRecreate, noRecreate, true, noDeps, removeOrphans, timeout);
    }

    public UpOptions withNoDeps() {
        return new UpOptions(services, forceRecreate, noRecreate, noStart, true, removeOrphans, timeout);
    }

    public UpOptions withRemoveOrphans() {
        return new UpOptions(services, forceRecreate, noRecreate, noStart, noDeps, true, timeout);
    }

    public UpOptions withTimeout(Integer seconds) {
        return new UpOptions(services, forceRecreate, noRecreate, noStart, noDeps, removeOrphans, seconds);
    }
}
