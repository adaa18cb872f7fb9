package dev.berth.engine.container;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Container IDs (64 hex digits) and names: given names must match Docker's rule; a container
 * without one gets a generated {@code adjective_noun} name, as Docker gives {@code eager_turing}.
 */
public final class ContainerNames {

    /** Docker's rule for names ({@code [a-zA-Z0-9][a-zA-Z0-9_.-]+}). */
    public static final Pattern VALID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");

    // our own word lists: mountains and rivers, to read differently from Docker's scientists
    private static final List<String> LEFT = List.of(
            "amber", "bold", "brave", "bright", "calm", "clever", "cosy", "crisp", "daring", "eager", "fair",
            "fast", "gentle", "glad", "happy", "keen", "kind", "lively", "lucid", "merry", "neat", "nimble",
            "patient", "proud", "quick", "quiet", "rapid", "ready", "sharp", "shy", "silent", "steady",
            "swift", "tidy", "upbeat", "vivid", "warm", "wise", "witty", "zesty");
    private static final List<String> RIGHT = List.of(
            "aconcagua", "amazon", "annapurna", "danube", "denali", "elbe", "elbrus", "everest", "fuji",
            "ganges", "indus", "jungfrau", "k2", "kilimanjaro", "lhotse", "loire", "makalu", "matterhorn",
            "mekong", "mississippi", "montblanc", "nile", "olympus", "orinoco", "rhine", "rhone", "seine",
            "shasta", "tagus", "thames", "tigris", "triglav", "vistula", "volga", "yangtze", "yukon",
            "zambezi", "etna", "vesuvius", "kosciuszko");

    private static final SecureRandom RANDOM = new SecureRandom();

    private ContainerNames() {
    }

    public static String newId() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** A generated name; {@code attempt} > 0 adds a digit, as Docker does on a collision. */
    public static String generate(Random random, int attempt) {
        String name = LEFT.get(random.nextInt(LEFT.size())) + "_" + RIGHT.get(random.nextInt(RIGHT.size()));
        return attempt > 0 ? name + random.nextInt(10) : name;
    }

    public static String validate(String name) {
        String n = name.startsWith("/") ? name.substring(1) : name;
        if (!VALID.matcher(n).matches()) {
            throw new IllegalArgumentException("Invalid container name (" + name
                    + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        }
        return n;
    }
}
