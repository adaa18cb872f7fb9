package dev.berth.cli.compose;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows aligned as Go's {@code text/tabwriter} aligns the docker CLI's and compose's tables: every
 * cell but a line's last is a column cell, padded to the column's widest cell plus {@code padding},
 * and at least {@code minWidth}; the last cell is written as it is (so a row whose last cell is
 * empty keeps its trailing spaces, as compose's do). Widths count characters, as Go counts runes.
 */
final class GoTable {

    private final int minWidth;
    private final int padding;
    private final List<String[]> rows = new ArrayList<>();

    private GoTable(int minWidth, int padding) {
        this.minWidth = minWidth;
        this.padding = padding;
    }

    /** docker CLI's container tables ({@code docker ps}, {@code compose ps}): tabwriter(10, 1, 3). */
    static GoTable containers(String... header) {
        return new GoTable(10, 3).row(header);
    }

    /** compose's own tables ({@code ls}, {@code images}): PrintPrettySection's tabwriter(20, 1, 3). */
    static GoTable pretty(String... header) {
        return new GoTable(20, 3).row(header);
    }

    /** compose's {@code top}: tabwriter(4, 1, 2). */
    static GoTable top(String... header) {
        return new GoTable(4, 2).row(header);
    }

    GoTable row(String... cells) {
        rows.add(cells);
        return this;
    }

    void print(PrintWriter out) {
        int columns = rows.stream().mapToInt(r -> r.length).max().orElse(0);
        int[] width = new int[columns];
        for (String[] r : rows) {
            for (int i = 0; i < r.length - 1; i++) width[i] = Math.max(width[i], length(r[i]) + padding);
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                line.append(r[i]);
                if (i < r.length - 1) line.append(" ".repeat(Math.max(minWidth, width[i]) - length(r[i])));
            }
            out.println(line);
        }
        out.flush();
    }

    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }
}
