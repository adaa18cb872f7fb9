package dev.berth.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --label KEY=VALUE} (or {@code KEY} alone: an empty value), as Docker's CLI reads them; the last one of a key wins. */
public final class LabelArguments {

    private LabelArguments() {
    }

    public static Map<String, String> toMap(List<String> labels) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String l : labels) {
            int eq = l.indexOf('=');
            out.put(eq < 0 ? l : l.substring(0, eq), eq < 0 ? "" : l.substring(eq + 1));
        }
        return out;
    }
}
