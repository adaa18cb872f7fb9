package dev.berth.compose.yaml;

import dev.berth.compose.ComposeException;
import dev.berth.compose.tree.KeyPath;
import dev.berth.compose.tree.OverrideTag;
import dev.berth.compose.tree.Position;
import dev.berth.compose.tree.ResetTag;
import dev.berth.compose.tree.SourceMap;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.FailsafeSchema;

/**
 * Parses Compose YAML into plain values with positions. snakeyaml-engine composes the node graph
 * (every scalar kept as text by the failsafe schema); this class then applies compose-go's scalar
 * rules, {@code <<} merge keys, the {@code !reset}/{@code !override} tags, and rejects duplicate
 * keys, non-string keys, alias cycles and alias bombs.
 */
public final class YamlReader {

    /** Nodes visited while expanding aliases, per document: a bound on alias bombs. */
    static final int MAX_NODE_VISITS = 2_000_000;

    private static final String RESET_TAG = "!reset";
    private static final String OVERRIDE_TAG = "!override";

    private YamlReader() {
    }

    /** All documents of {@code content}; a file with several documents is an implicit override chain. */
    public static List<YamlDocument> read(String file, String content) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(file)
                .setSchema(new FailsafeSchema())
                .setAllowDuplicateKeys(true) // checked here, with compose-go's message
                .setAllowRecursiveKeys(false)
                .setMaxAliasesForCollections(Integer.MAX_VALUE) // bounded by MAX_NODE_VISITS instead
                .setCodePointLimit(Integer.MAX_VALUE)
                .setUseMarks(true)
                .build();
        if (!content.isEmpty() && content.charAt(0) == '\uFEFF') content = content.substring(1);
        List<YamlDocument> docs = new ArrayList<>();
        try {
            Composer composer = new Composer(settings, new ParserImpl(settings, new StreamReader(settings, content)));
            while (composer.hasNext()) {
                Node node = composer.next();
                SourceMap positions = new SourceMap(file);
                Object root = new Converter(file, positions).convert(node, KeyPath.ROOT);
                docs.add(new YamlDocument(file, root, positions));
            }
        } catch (MarkedYamlEngineException e) {
            throw syntaxError(file, e);
        } catch (YamlEngineException e) {
            throw new ComposeException(new Position(file, 1, 1), null, e.getMessage());
        }
        return docs;
    }

    private static ComposeException syntaxError(String file, MarkedYamlEngineException e) {
        Optional<Mark> mark = e.getProblemMark();
        String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
        if (problem.contains("\\t(TAB)") || problem.contains("\t")) {
            problem = "found a tab character that violates indentation";
        }
        String context = e.getContext();
        String message = "invalid YAML: " + problem + (context == null ? "" : " (" + context + ")");
        Position pos = mark.map(m -> new Position(file, m.getLine() + 1, m.getColumn() + 1)).orElse(null);
        return new ComposeException(pos, null, message);
    }

    private static final class Converter {
        private final String file;
        private final SourceMap positions;
        private final Map<Node, KeyPath> onStack = new IdentityHashMap<>();
        /** Nodes converted once already: an alias expands them again, without recording positions again. */
        private final Map<Node, Boolean> seen = new IdentityHashMap<>();
        private boolean recording = true;
        private int visits;

        Converter(String file, SourceMap positions) {
            this.file = file;
            this.positions = positions;
        }

        Object convert(Node node, KeyPath path) {
            if (++visits > MAX_NODE_VISITS) {
                throw new ComposeException(position(node), path,
                        "document exceeds maximum node visit limit (" + MAX_NODE_VISITS + "): excessive aliasing");
            }
            String tag = node.getTag().getValue();
            if (RESET_TAG.equals(tag)) return ResetTag.INSTANCE;
            if (OVERRIDE_TAG.equals(tag)) {
                // !override applies to the node itself; convert it as if untagged
                return new OverrideTag(convertUntagged(node, path));
            }
            return convertUntagged(node, path);
        }

        private Object convertUntagged(Node node, KeyPath path) {
            KeyPath earlier = onStack.get(node);
            if (earlier != null) {
                throw new ComposeException(position(node), path,
                        "cycle detected: node at path " + path + " references node at path " + earlier);
            }
            if (node instanceof ScalarNode) return convertNode(node, path);
            boolean wasRecording = recording;
            if (seen.put(node, Boolean.TRUE) != null) recording = false;
            try {
                return convertNode(node, path);
            } finally {
                recording = wasRecording;
            }
        }

        private Object convertNode(Node node, KeyPath path) {
            return switch (node) {
                case ScalarNode scalar -> scalar(scalar);
                case SequenceNode seq -> {
                    onStack.put(node, path);
                    List<Object> list = new ArrayList<>(seq.getValue().size());
                    int i = 0;
                    for (Node item : seq.getValue()) {
                        KeyPath itemPath = path.index(i++);
                        record(itemPath, item);
                        list.add(convert(item, itemPath));
                    }
                    onStack.remove(node);
                    yield list;
                }
                case MappingNode map -> {
                    onStack.put(node, path);
                    Map<String, Object> result = mapping(map, path);
                    onStack.remove(node);
                    yield result;
                }
                default -> throw new ComposeException(position(node), path, "unsupported YAML node");
            };
        }

        private Map<String, Object> mapping(MappingNode map, KeyPath path) {
            Map<String, Object> result = new LinkedHashMap<>();
            Map<String, Integer> lines = new LinkedHashMap<>();
            List<Node> merges = new ArrayList<>();
            for (NodeTuple tuple : map.getValue()) {
                Node keyNode = tuple.getKeyNode();
                if (keyNode instanceof ScalarNode ks && ks.getScalarStyle() == ScalarStyle.PLAIN
                        && "<<".equals(ks.getValue())) {
                    merges.add(tuple.getValueNode());
                    continue;
                }
                String key = key(keyNode, path);
                int line = keyNode.getStartMark().map(m -> m.getLine() + 1).orElse(0);
                Integer before = lines.putIfAbsent(key, line);
                if (before != null) {
                    throw new ComposeException(position(keyNode), path.child(key),
                            "line " + line + ": mapping key \"" + key + "\" already defined at line " + before);
                }
                KeyPath child = path.child(key);
                record(child, keyNode);
                result.put(key, convert(tuple.getValueNode(), child));
            }
            // Explicit keys win over merged ones; among several merged maps, the first wins.
            for (Node merge : merges) {
                List<Node> sources = merge instanceof SequenceNode seq ? seq.getValue() : List.of(merge);
                for (Node source : sources) {
                    Object value = convert(source, path);
                    if (!(value instanceof Map<?, ?> m)) {
                        throw new ComposeException(position(source), path,
                                "merge key << expects a mapping or a list of mappings");
                    }
                    for (Map.Entry<?, ?> e : m.entrySet()) {
                        result.putIfAbsent((String) e.getKey(), e.getValue());
                    }
                }
            }
            return result;
        }

        private String key(Node keyNode, KeyPath path) {
            if (keyNode instanceof ScalarNode ks) {
                Object v = ks.getScalarStyle() == ScalarStyle.PLAIN ? ScalarRules.resolvePlain(ks.getValue()) : ks.getValue();
                if (v instanceof String s) return s;
                String where = path.isRoot() ? "at top level" : "in " + path;
                throw new ComposeException(position(keyNode), path, "non-string key " + where + ": " + ks.getValue());
            }
            throw new ComposeException(position(keyNode), path, "mapping keys must be strings");
        }

        private Object scalar(ScalarNode scalar) {
            String tag = scalar.getTag().getValue();
            if (scalar.getScalarStyle() != ScalarStyle.PLAIN) {
                return scalar.getValue();
            }
            if (Tag.NULL.getValue().equals(tag)) return null; // an empty value
            return ScalarRules.resolvePlain(scalar.getValue());
        }

        private void record(KeyPath path, Node node) {
            if (!recording) return;
            node.getStartMark().ifPresent(m -> positions.put(path, m.getLine() + 1, m.getColumn() + 1));
        }

        private Position position(Node node) {
            return node.getStartMark().map(m -> new Position(file, m.getLine() + 1, m.getColumn() + 1)).orElse(null);
        }
    }
}
