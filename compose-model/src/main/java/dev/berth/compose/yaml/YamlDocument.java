package dev.berth.compose.yaml;

import dev.berth.compose.tree.SourceMap;

/**
 * One YAML document of a Compose file as plain values: {@code LinkedHashMap<String,Object>},
 * {@code ArrayList<Object>}, {@code String}, {@code Long}, {@code Double}, {@code Boolean},
 * {@code null}, and the tag markers {@link dev.berth.compose.tree.ResetTag} and
 * {@link dev.berth.compose.tree.OverrideTag}. Positions live in {@link #positions()}.
 */
public record YamlDocument(String file, Object root, SourceMap positions) {
}
