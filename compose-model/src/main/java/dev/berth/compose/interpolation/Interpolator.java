package dev.berth.compose.interpolation;

import dev.berth.compose.ComposeException;
import dev.berth.compose.tree.KeyPath;
import dev.berth.compose.tree.OverrideTag;
import dev.berth.compose.tree.Position;
import dev.berth.compose.tree.SourceMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Substitutes variables in every string value of a document tree (keys are left alone) and
 * returns a new tree; the input is not modified. {@code !reset} passes through, {@code !override}
 * keeps its tag around the substituted value. Typed fields stay strings here: {@link TypeCasts}
 * turns them into numbers and booleans afterwards.
 */
public final class Interpolator {

    private final Function<String, String> lookup;
    private final Consumer<String> unset;
    private final SourceMap positions;
    /** The key path of the value being visited; turned into a {@link KeyPath} only for an error. */
    private final List<Object> path = new ArrayList<>();

    private Interpolator(Function<String, String> lookup, Consumer<String> unset, SourceMap positions) {
        this.lookup = lookup;
        this.unset = unset;
        this.positions = positions;
    }

    /**
     * @param lookup    a variable's value, or null when it is not set
     * @param positions where values came from, for error positions; may be null
     * @throws ComposeException naming the key path (and position) of the first value that fails
     */
    public static Object interpolate(Object tree, Function<String, String> lookup, SourceMap positions) {
        return interpolate(tree, lookup, positions, name -> { });
    }

    /** As above; {@code unset} receives the name of each variable used with no value and no operator. */
    public static Object interpolate(Object tree, Function<String, String> lookup, SourceMap positions,
                                     Consumer<String> unset) {
        return new Interpolator(lookup, unset, positions).visit(tree);
    }

    private Object visit(Object value) {
        return switch (value) {
            case String s -> string(s);
            case Map<?, ?> m -> map(m);
            case List<?> l -> list(l);
            case OverrideTag(Object inner) -> new OverrideTag(visit(inner));
            case null, default -> value;
        };
    }

    private Map<String, Object> map(Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>(Math.max(4, m.size() * 4 / 3 + 1));
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String key = String.valueOf(e.getKey());
            path.add(key);
            out.put(key, visit(e.getValue()));
            path.removeLast();
        }
        return out;
    }

    private List<Object> list(List<?> l) {
        List<Object> out = new ArrayList<>(l.size());
        for (int i = 0; i < l.size(); i++) {
            path.add(i);
            out.add(visit(l.get(i)));
            path.removeLast();
        }
        return out;
    }

    private String string(String s) {
        try {
            return Template.substitute(s, lookup, unset);
        } catch (TemplateException.InvalidTemplate e) {
            KeyPath at = new KeyPath(path);
            throw new ComposeException(position(at), at, "invalid interpolation format for " + at
                    + ".\nYou may need to escape any $ with another $.\n" + e.template());
        } catch (TemplateException.MissingRequired e) {
            KeyPath at = new KeyPath(path);
            throw new ComposeException(position(at), at, "error while interpolating " + at + ": " + e.getMessage());
        }
    }

    private Position position(KeyPath at) {
        return positions == null ? null : positions.find(at);
    }
}
