package dev.berth.compose.normalize;

import java.util.Comparator;

/**
 * The order yaml.v3 (used by compose-go) writes map keys in: letters by code point, a
 * non-letter before a letter, runs of digits compared as numbers.
 */
final class GoMapKeys implements Comparator<String> {

    static final GoMapKeys INSTANCE = new GoMapKeys();

    @Override
    public int compare(String a, String b) {
        if (a.equals(b)) return 0;
        return less(a, b) ? -1 : 1;
    }

    private static boolean less(String a, String b) {
        int[] ar = a.codePoints().toArray();
        int[] br = b.codePoints().toArray();
        boolean digits = false;
        for (int i = 0; i < ar.length && i < br.length; i++) {
            if (ar[i] == br[i]) {
                digits = Character.isDigit(ar[i]);
                continue;
            }
            boolean al = Character.isLetter(ar[i]);
            boolean bl = Character.isLetter(br[i]);
            if (al && bl) return ar[i] < br[i];
            if (al || bl) return digits ? al : bl;
            long an = 0;
            long bn = 0;
            if (ar[i] == '0' || br[i] == '0') {
                for (int j = i - 1; j >= 0 && Character.isDigit(ar[j]); j--) {
                    if (ar[j] != '0') {
                        an = 1;
                        bn = 1;
                        break;
                    }
                }
            }
            int ai = i;
            for (; ai < ar.length && Character.isDigit(ar[ai]); ai++) an = an * 10 + (ar[ai] - '0');
            int bi = i;
            for (; bi < br.length && Character.isDigit(br[bi]); bi++) bn = bn * 10 + (br[bi] - '0');
            if (an != bn) return an < bn;
            if (ai != bi) return ai < bi;
            return ar[i] < br[i];
        }
        return ar.length < br.length;
    }
}
