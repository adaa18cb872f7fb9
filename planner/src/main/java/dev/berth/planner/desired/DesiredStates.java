package dev.berth.planner.desired;

import dev.berth.compose.ComposeError;
import dev.berth.compose.graph.DependencyGraph;
import dev.berth.compose.model.Project;
import dev.berth.engine.api.CreateRequest;
import dev.berth.engine.container.Healthcheck;
import dev.berth.engine.container.HostConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntFunction;

/**
 * {@code Project} → {@link DesiredState}: for each service to run, in dependency order, its replica
 * count, config hash, dependencies and the engine create request of each replica, with compose v2's
 * names ({@code <project>-<service>-<n>}) and labels; the project's networks and volumes the services
 * use. Keys berth cannot honour are collected, not skipped: errors are thrown together as a
 * {@link DesiredStateException}, warnings travel in {@link DesiredState#warnings()}.
 */
public final class DesiredStates {

    /** compose v2's separator in container names. */
    static final String SEPARATOR = "-";

    private DesiredStates() {
    }

    public static DesiredState from(Project project, DesiredOptions options) {
        Findings f = new Findings();
        Map<String, Map<String, Object>> all = project.services();
        commandLine(all, options);

        DependencyGraph graph = DependencyGraph.ofProject(project.model());
        Set<String> selected = new LinkedHashSet<>(options.services().isEmpty() ? all.keySet() : options.services());
        if (!options.noDeps()) new ArrayList<>(selected).forEach(s -> selected.addAll(graph.dependencies(s)));
        List<String> order = graph.upOrder().stream().filter(selected::contains).toList();

        // from every service, run now or not: a service's hash must not depend on which others are selected
        Map<String, Set<String>> linkAliases = linkAliases(all);
        Map<String, String> images = project.images();
        Map<String, DesiredService> services = new LinkedHashMap<>();
        Set<String> networks = new LinkedHashSet<>();
        Set<String> volumes = new LinkedHashSet<>();
        for (String name : order) {
            DesiredService s = service(project, name, all.get(name), images.get(name),
                    linkAliases.getOrDefault(name, Set.of()), selected, options, f);
            services.put(name, s);
            networks.addAll(s.networks());
            volumes.addAll(s.volumes());
        }
        // with no selection every resource of the project (the loader kept the used ones, or all with --all-resources)
        if (options.services().isEmpty()) {
            networks.addAll(project.networkNames());
            volumes.addAll(project.volumeNames());
        }
        List<DesiredNetwork> desiredNetworks = ProjectResources.networks(project.name(), project.model(), networks, options.version(), f);
        List<DesiredVolume> desiredVolumes = ProjectResources.volumes(project.name(), project.model(), volumes, options.version(), f);
        if (!f.errors().isEmpty()) throw new DesiredStateException(f.errors());
        return new DesiredState(project.name(), services, desiredNetworks, desiredVolumes, f.warnings());
    }

    /** Services named on the command line ({@code up web}, {@code --scale web=3}) exist, replica counts are not negative. */
    private static void commandLine(Map<String, Map<String, Object>> all, DesiredOptions options) {
        List<ComposeError> usage = new ArrayList<>();
        for (String s : options.services()) {
            if (!all.containsKey(s)) usage.add(ComposeError.of("no such service: " + s));
        }
        options.scale().forEach((s, n) -> {
            if (!all.containsKey(s)) usage.add(ComposeError.of("no such service: " + s + " (in --scale " + s + "=" + n + ")"));
            else if (n < 0) usage.add(ComposeError.of("--scale " + s + "=" + n + ": the number of replicas cannot be negative"));
        });
        if (!usage.isEmpty()) throw new DesiredStateException(usage);
    }

    /** {@code <project>-<service>-<n>}, or the service's {@code container_name}. */
    public static String containerName(String project, String service, Map<String, Object> def, int number) {
        String fixed = Tree.string(def, "container_name");
        return fixed != null && !fixed.isEmpty() ? fixed : String.join(SEPARATOR, project, service, Integer.toString(number));
    }

    private static DesiredService service(Project project, String name, Map<String, Object> def, String image,
                                          Set<String> linkAliases, Set<String> inState, DesiredOptions options, Findings f) {
        ServiceKeys.check(name, def, f);
        int replicas = replicas(name, def, options, f);
        ServiceMounts mounts = ServiceMounts.of(name, def, project.model(), f);
        ServiceNetworking net = ServiceNetworking.of(name, def, project.model(), linkAliases, f);
        HostConfig host = ServiceHost.hostConfig(name, def, mounts, net, f);
        Healthcheck health = ServiceHost.healthcheck(name, def, f);

        List<String> env = new ArrayList<>();
        // a variable without a value the loader could not resolve is left out: the container does not have it, as in Docker
        Tree.map(def, "environment").forEach((k, v) -> {
            if (v != null) env.add(k + "=" + v);
        });
        Map<String, Object> extra = linkAliases.isEmpty() ? Map.of() : Map.of("link_aliases", List.copyOf(new TreeSet<>(linkAliases)));
        String hash = ConfigHash.ofService(def, extra);

        Map<String, DesiredService.Dependency> dependsOn = new LinkedHashMap<>();
        List<String> dependsOnLabel = new ArrayList<>();
        new TreeMap<>(Tree.map(def, "depends_on")).forEach((dep, value) -> {
            Map<String, Object> d = Tree.map(value);
            String condition = Tree.string(d, "condition") == null ? DesiredService.Dependency.STARTED : Tree.string(d, "condition");
            boolean required = !Boolean.FALSE.equals(d.get("required"));
            boolean restart = Tree.flag(d, "restart");
            // compose's label: service:condition:restart
            dependsOnLabel.add(dep + ":" + condition + ":" + restart);
            // a dependency not run now (--no-deps, a profile) is not waited for, as compose's shouldWaitForDependency
            if (inState.contains(dep)) dependsOn.put(dep, new DesiredService.Dependency(condition, required, restart));
        });

        Map<String, String> serviceLabels = ResourceLabels.service(project, name, Tree.stringMap(def, "labels"), options);
        CreateRequest template = new CreateRequest(null, image, Tree.stringsOrNull(def, "entrypoint"),
                Tree.stringsOrNull(def, "command"), env, Tree.string(def, "working_dir"), Tree.string(def, "user"),
                Tree.string(def, "hostname"), Tree.string(def, "domainname"), Map.of(), Tree.flag(def, "tty"),
                Tree.flag(def, "stdin_open"), false, Tree.string(def, "stop_signal"), ServiceHost.stopTimeout(def), host,
                null, health, null);
        String dependsOnValue = String.join(",", dependsOnLabel);
        String projectName = project.name();
        IntFunction<CreateRequest> request = n -> {
            String container = containerName(projectName, name, def, n);
            return template.withName(container)
                    .withLabels(ResourceLabels.container(serviceLabels, n, hash, dependsOnValue))
                    .withEndpoints(net.endpoints(container, name));
        };
        return new DesiredService(name, replicas, hash, dependsOn, request, net.keys(), mounts.volumes(), image,
                Tree.string(def, "pull_policy"));
    }

    /** compose-go's GetScale: {@code scale}, else {@code deploy.replicas}, else 1; {@code --scale} over both. */
    private static int replicas(String name, Map<String, Object> def, DesiredOptions options, Findings f) {
        int n = 1;
        if (options.scale().containsKey(name)) n = options.scale().get(name);
        else if (def.get("scale") != null) n = (int) Tree.number(def, "scale");
        else if (Tree.map(def, "deploy").get("replicas") != null) n = (int) Tree.number(Tree.map(def, "deploy"), "replicas");
        String fixed = Tree.string(def, "container_name");
        if (n > 1 && fixed != null && !fixed.isEmpty()) {
            f.error(Findings.service(name, "container_name"), "the service is using the custom container name \"" + fixed
                    + "\"; Docker requires each container to have a unique name. Remove the custom name to scale the service to " + n);
        }
        return n;
    }

    /**
     * {@code links: [db:database]} in any service: {@code database} becomes an alias of db's
     * containers (Docker makes it a name only the linking container resolves; berth's DNS has no such
     * per-asker names, so every container on db's networks resolves it).
     */
    private static Map<String, Set<String>> linkAliases(Map<String, Map<String, Object>> all) {
        Map<String, Set<String>> out = new HashMap<>();
        for (Map<String, Object> def : all.values()) {
            for (String link : Tree.strings(def, "links")) {
                String[] parts = link.split(":", 2);
                if (parts.length == 2 && !parts[1].equals(parts[0])) {
                    out.computeIfAbsent(parts[0], k -> new LinkedHashSet<>()).add(parts[1]);
                }
            }
        }
        return out;
    }
}
