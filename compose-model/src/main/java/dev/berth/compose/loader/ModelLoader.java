package dev.berth.compose.loader;

import dev.berth.compose.ComposeError;
import dev.berth.compose.ComposeException;
import dev.berth.compose.interpolation.Interpolator;
import dev.berth.compose.interpolation.Template;
import dev.berth.compose.interpolation.TypeCasts;
import dev.berth.compose.loader.ProjectLoader.ComposeSource;
import dev.berth.compose.merge.Merger;
import dev.berth.compose.merge.Unicity;
import dev.berth.compose.model.Project;
import dev.berth.compose.normalize.Canonical;
import dev.berth.compose.normalize.CanonicalOrder;
import dev.berth.compose.normalize.EnvFileResolver;
import dev.berth.compose.dotenv.DotEnv;
import dev.berth.compose.normalize.Normalizer;
import dev.berth.compose.normalize.PathResolver;
import dev.berth.compose.schema.SchemaValidator;
import dev.berth.compose.tree.KeyPath;
import dev.berth.compose.tree.SourceMap;
import dev.berth.compose.validate.ConsistencyChecker;
import dev.berth.compose.validate.Profiles;
import dev.berth.compose.validate.UnusedResources;
import dev.berth.compose.yaml.YamlDocument;
import dev.berth.compose.yaml.YamlReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The loading pipeline, one stage per class, in compose-go's order. Per document: parse →
 * interpolate → cast typed fields → extends → include → merge over the documents before it →
 * de-duplicate → schema check → canonical long syntax. Then: relative paths, project name,
 * normalization, profiles, consistency checks, container environment, output order.
 */
final class ModelLoader {

    private final LoadOptions options;
    private final Consumer<String> warnings;
    /** Positions of every document read, the latest file winning: errors on the merged model use it. */
    private final SourceMap positions = new SourceMap("<project>");

    ModelLoader(LoadOptions options, Consumer<String> warnings) {
        this.options = options;
        // a warning about a value merged from several documents is said once
        java.util.Set<String> said = new java.util.HashSet<>();
        this.warnings = w -> { if (said.add(w)) warnings.accept(w); };
    }

    Project loadProject(List<ComposeSource> sources, Path workingDir, Map<String, String> environment,
                        List<String> profiles) {
        List<List<YamlDocument>> parsed = new ArrayList<>();
        for (ComposeSource s : sources) parsed.add(YamlReader.read(s.displayName(), s.content()));

        Map<String, String> env = new LinkedHashMap<>(environment);
        String name = projectName(parsed, workingDir, env);
        env.put("COMPOSE_PROJECT_NAME", name);

        Map<String, Object> model = loadModel(sources, parsed, workingDir, env, List.of(), options.resolvePaths());
        if (model.isEmpty()) throw new ComposeException("empty compose file");

        Map<String, Object> named = new LinkedHashMap<>();
        named.put("name", name);
        model.forEach((k, v) -> { if (!k.equals("name")) named.put(k, v); });
        model = named;
        if (options.normalize()) model = Normalizer.normalize(model, name, env::get);

        Profiles.Selection selection = Profiles.select(model, profiles, options.services());
        model = selection.applyTo(model);
        if (options.consistency()) {
            List<ComposeError> errors = ConsistencyChecker.check(model, selection.disabled());
            if (!errors.isEmpty()) throw located(errors);
        }
        // docker compose drops networks, volumes, secrets and configs no enabled service uses
        if (!options.allResources()) model = UnusedResources.prune(model);
        model = new EnvFileResolver(workingDir, env, DotEnv::read).resolve(model);
        model = CanonicalOrder.order(model);
        List<Path> files = sources.stream().map(ComposeSource::path).toList();
        return new Project(name, workingDir, files, env, model, selection.disabled());
    }

    /** Loads and merges {@code sources} (already parsed) into one canonical model. */
    private Map<String, Object> loadModel(List<ComposeSource> sources, List<List<YamlDocument>> parsed,
                                          Path workingDir, Map<String, String> env, List<Path> includeStack,
                                          boolean resolvePaths) {
        Function<String, String> lookup = env::get;
        Map<String, Object> dict = new LinkedHashMap<>();
        for (int i = 0; i < sources.size(); i++) {
            ComposeSource source = sources.get(i);
            List<Path> stack = new ArrayList<>(includeStack);
            stack.add(source.path());
            for (YamlDocument doc : parsed.get(i)) {
                if (doc.root() == null) continue; // an empty document (or override file) adds nothing
                Map<String, Object> cfg = topLevel(doc);
                positions.overlay(doc.positions());
                cfg = prepare(cfg, doc.positions(), lookup);
                cfg = new Extends(file -> servicesOf(file, env)).apply(cfg, source.path());
                cfg = Includes.apply(cfg, workingDir, stack, (inc, st) -> loadIncluded(inc, st, env));
                dict = Unicity.enforce(Merger.merge(dict, cfg));
                List<ComposeError> errors = SchemaValidator.validate(dict, positions);
                if (!errors.isEmpty()) throw new ComposeException(errors);
                if (dict.containsKey("version")) {
                    warnings.accept(source.displayName() + ": the attribute `version` is obsolete,"
                            + " it will be ignored, please remove it to avoid potential confusion");
                    dict.remove("version");
                }
                dict = Unicity.enforce(canonical(dict));
            }
        }
        if (resolvePaths) dict = PathResolver.resolve(dict, workingDir, home(env));
        return dict;
    }

    /** Interpolation and the type casts that follow it. */
    private Map<String, Object> prepare(Map<String, Object> cfg, SourceMap docPositions, Function<String, String> lookup) {
        Object out = cfg;
        if (options.interpolate()) out = Interpolator.interpolate(out, lookup, docPositions);
        return asMap(TypeCasts.apply(out));
    }

    private Map<String, Object> canonical(Map<String, Object> dict) {
        try {
            return Canonical.transform(dict, positions::find, !options.interpolate(), warnings);
        } catch (ComposeException e) {
            throw located(e.errors());
        }
    }

    /** The services of a file named by {@code extends.file}: interpolated, canonical, paths resolved to its directory. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> servicesOf(Path file, Map<String, String> env) {
        ComposeSource source = ProjectLoader.read(file);
        Map<String, Object> dict = new LinkedHashMap<>();
        for (YamlDocument doc : YamlReader.read(source.displayName(), source.content())) {
            if (doc.root() == null) continue;
            Map<String, Object> cfg = prepare(topLevel(doc), doc.positions(), env::get);
            dict = Unicity.enforce(canonical(Merger.merge(dict, cfg)));
        }
        dict = PathResolver.resolve(dict, file.getParent(), home(env));
        if (!(dict.get("services") instanceof Map<?, ?> services)) {
            throw new ComposeException("cannot extend a service from " + file + ": no services section");
        }
        return (Map<String, Object>) services;
    }

    private Map<String, Object> loadIncluded(Includes.Include include, List<Path> stack, Map<String, String> parentEnv) {
        Map<String, String> env = ProjectEnvironment.build(parentEnv, include.envFiles());
        env.putIfAbsent("COMPOSE_PROJECT_NAME", parentEnv.get("COMPOSE_PROJECT_NAME"));
        List<ComposeSource> sources = include.paths().stream().map(ProjectLoader::read).toList();
        List<List<YamlDocument>> parsed = new ArrayList<>();
        for (ComposeSource s : sources) parsed.add(YamlReader.read(s.displayName(), s.content()));
        return loadModel(sources, parsed, include.projectDirectory(), env, stack, true);
    }

    /**
     * {@code -p} > COMPOSE_PROJECT_NAME > the last {@code name:} in the files (interpolated,
     * normalized) > the project directory's name (normalized).
     */
    private String projectName(List<List<YamlDocument>> parsed, Path workingDir, Map<String, String> env) {
        if (options.projectName() != null) return ProjectNames.requireValid(options.projectName());
        String fromEnv = env.get("COMPOSE_PROJECT_NAME");
        if (fromEnv != null && !fromEnv.isEmpty()) return ProjectNames.requireValid(fromEnv);
        String fromFile = null;
        for (List<YamlDocument> docs : parsed) {
            for (YamlDocument doc : docs) {
                if (doc.root() instanceof Map<?, ?> m && m.get("name") instanceof String n && !n.isEmpty()) {
                    fromFile = n;
                }
            }
        }
        if (fromFile != null && options.interpolate()) fromFile = Template.substitute(fromFile, env::get);
        if (fromFile != null && options.normalize()) fromFile = ProjectNames.normalize(fromFile);
        if (fromFile != null && !fromFile.isEmpty()) return fromFile;
        Path base = workingDir.getFileName();
        String fromDir = base == null ? "" : ProjectNames.normalize(base.toString());
        if (fromDir.isEmpty()) throw new ComposeException("project name must not be empty");
        return fromDir;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> topLevel(YamlDocument doc) {
        if (!(doc.root() instanceof Map<?, ?> m)) {
            throw new ComposeException(doc.positions().find(KeyPath.ROOT), null, "top-level object must be a mapping");
        }
        return (Map<String, Object>) m;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }

    private ComposeException located(List<ComposeError> errors) {
        List<ComposeError> out = new ArrayList<>();
        for (ComposeError e : errors) {
            out.add(e.position() == null && e.path() != null
                    ? new ComposeError(positions.find(e.path()), e.path(), e.message()) : e);
        }
        return new ComposeException(out);
    }

    private static Path home(Map<String, String> env) {
        String home = env.get("HOME");
        return Path.of(home != null ? home : System.getProperty("user.home"));
    }
}
