package dev.berth.engine.runtime.shim;

import dev.berth.engine.container.Capability;

import java.util.EnumSet;
import java.util.Set;

/** The capability sets of the container's process; ambient and inheritable are empty in Docker. */
public record Capabilities(Set<Capability> effective, Set<Capability> permitted, Set<Capability> inheritable,
                           Set<Capability> bounding, Set<Capability> ambient) {

    public Capabilities {
        effective = copy(effective);
        permitted = copy(permitted);
        inheritable = copy(inheritable);
        bounding = copy(bounding);
        ambient = copy(ambient);
    }

    /** Docker's way: bounding = permitted = effective = {@code caps}, inheritable and ambient empty. */
    public static Capabilities of(Set<Capability> caps) {
        return new Capabilities(caps, caps, Set.of(), caps, Set.of());
    }

    public static Capabilities none() {
        return of(Set.of());
    }

    private static Set<Capability> copy(Set<Capability> s) {
        return s.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(s));
    }
}
