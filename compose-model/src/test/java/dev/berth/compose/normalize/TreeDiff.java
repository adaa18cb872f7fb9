package dev.berth.compose.normalize;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** Walks two value trees and lists every path where they differ; numbers compare by value. */
final class TreeDiff {

    private TreeDiff() {
    }

    static List<String> diff(Object actual, Object expected) {
        List<String> out = new ArrayList<>();
        walk("", actual, expected, out);
        return out;
    }

    private static void walk(String path, Object a, Object e, List<String> out) {
        if (a instanceof Map<?, ?> am && e instanceof Map<?, ?> em) {
            TreeSet<String> keys = new TreeSet<>();
            am.keySet().forEach(k -> keys.add(String.valueOf(k)));
            em.keySet().forEach(k -> keys.add(String.valueOf(k)));
            for (String k : keys) {
                String p = path.isEmpty() ? k : path + "." + k;
                if (!am.containsKey(k)) {
                    out.add(p + ": missing, expected " + e(em.get(k)));
                } else if (!em.containsKey(k)) {
                    out.add(p + ": unexpected " + e(am.get(k)));
                } else {
                    walk(p, am.get(k), em.get(k), out);
                }
            }
            return;
        }
        if (a instanceof List<?> al && e instanceof List<?> el) {
            for (int i = 0; i < Math.max(al.size(), el.size()); i++) {
                String p = path + "[" + i + "]";
                if (i >= al.size()) {
                    out.add(p + ": missing, expected " + e(el.get(i)));
                } else if (i >= el.size()) {
                    out.add(p + ": unexpected " + e(al.get(i)));
                } else {
                    walk(p, al.get(i), el.get(i), out);
                }
            }
            return;
        }
        if (a instanceof Number an && e instanceof Number en) {
            if (new BigDecimal(an.toString()).compareTo(new BigDecimal(en.toString())) != 0) {
                out.add(path + ": " + e(a) + " != expected " + e(e));
            }
            return;
        }
        if (!Objects.equals(a, e)) out.add(path + ": " + e(a) + " != expected " + e(e));
    }

    private static String e(Object v) {
        return v instanceof String s ? "\"" + s + "\"" + " (string)"
                : v == null ? "null" : v + " (" + v.getClass().getSimpleName() + ")";
    }

    /** Paths where both trees hold maps whose keys come in a different order. */
    static List<String> orderDiff(Object actual, Object expected) {
        List<String> out = new ArrayList<>();
        order("", actual, expected, out);
        return out;
    }

    private static void order(String path, Object a, Object e, List<String> out) {
        if (a instanceof Map<?, ?> am && e instanceof Map<?, ?> em) {
            List<String> ak = new ArrayList<>();
            am.keySet().forEach(k -> {
                if (em.containsKey(k)) ak.add(String.valueOf(k));
            });
            List<String> ek = new ArrayList<>();
            em.keySet().forEach(k -> {
                if (am.containsKey(k)) ek.add(String.valueOf(k));
            });
            if (!ak.equals(ek)) out.add((path.isEmpty() ? "(top)" : path) + ": " + ak + " != expected " + ek);
            for (String k : ek) order(path.isEmpty() ? k : path + "." + k, am.get(k), em.get(k), out);
        } else if (a instanceof List<?> al && e instanceof List<?> el) {
            for (int i = 0; i < Math.min(al.size(), el.size()); i++) order(path + "[" + i + "]", al.get(i), el.get(i), out);
        }
    }
}
