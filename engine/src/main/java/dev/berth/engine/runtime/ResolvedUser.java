package dev.berth.engine.runtime;

import dev.berth.engine.runtime.shim.ShimSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Who a container's process runs as, resolved from {@code --user} and the image's
 * {@code /etc/passwd} and {@code /etc/group} ({@link ImageUsers}).
 *
 * @param uid            the user ID
 * @param gid            the primary group ID
 * @param additionalGids the supplementary groups, as Docker passes them: the primary group first,
 *                       then the groups that list the user by name (implicit group only), then
 *                       {@code --group-add}; without duplicates
 * @param home           the home directory of the first passwd entry with {@code uid}, or {@code /}
 *                       (what runc puts into {@code HOME} when the environment has none)
 */
public record ResolvedUser(int uid, int gid, List<Integer> additionalGids, String home) {

    public ResolvedUser {
        additionalGids = List.copyOf(additionalGids);
    }

    /** The user line of the shim's spec. */
    public ShimSpec.User shimUser() {
        return new ShimSpec.User(uid, gid, additionalGids);
    }

    /**
     * {@code env} with {@code HOME=<home>} appended when it has no HOME or an empty one (runc's
     * rule); otherwise {@code env} unchanged.
     */
    public List<String> withHome(List<String> env) {
        boolean set = env.stream().anyMatch(e -> e.startsWith("HOME=") && e.length() > "HOME=".length());
        if (set) return env;
        List<String> out = new ArrayList<>(env.stream().filter(e -> !e.startsWith("HOME=")).toList());
        out.add("HOME=" + home);
        return List.copyOf(out);
    }
}
