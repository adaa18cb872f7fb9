package dev.berth.compose.merge;

import java.util.ArrayList;
import java.util.List;

/**
 * The container path of a short-syntax service volume ({@code src:/target:ro}), read the way
 * compose-go's {@code format.ParseVolume} splits it: colons inside {@code ${...}} and after a
 * one-letter Windows drive are not separators; a single field is the target of an anonymous volume.
 */
final class VolumeTarget {

    private VolumeTarget() {
    }

    /** @throws IllegalArgumentException with compose-go's wording when the spec is malformed */
    static String of(String spec) {
        if (spec.isEmpty()) throw new IllegalArgumentException("invalid empty volume spec");
        if (spec.length() <= 2) return spec;
        List<String> fields = fields(spec);
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).isEmpty()) throw invalid(spec, "empty section between colons");
            if (i == 2 && fields.size() > 3) throw invalid(spec, "too many colons");
        }
        return fields.size() == 1 ? fields.getFirst() : fields.get(1);
    }

    private static List<String> fields(String spec) {
        List<String> fields = new ArrayList<>();
        StringBuilder buffer = new StringBuilder();
        int substitutionDepth = 0;
        for (int i = 0; i < spec.length(); i++) {
            char c = spec.charAt(i);
            if (c == '$' && i + 1 < spec.length() && spec.charAt(i + 1) == '{') substitutionDepth++;
            if (c == '}' && substitutionDepth > 0) substitutionDepth--;
            boolean windowsDrive = c == ':' && buffer.length() == 1 && Character.isLetter(buffer.charAt(0));
            if (c == ':' && !windowsDrive && substitutionDepth == 0) {
                fields.add(buffer.toString());
                buffer.setLength(0);
            } else {
                buffer.append(c);
            }
        }
        fields.add(buffer.toString());
        return fields;
    }

    private static IllegalArgumentException invalid(String spec, String why) {
        return new IllegalArgumentException("invalid spec: " + spec + ": " + why);
    }
}
