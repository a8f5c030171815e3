package org.convncf.trainer.eval;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Remembers the scores of single-user calls, so that evaluating nested candidate sets (the C = 100
 * candidates of a user are among its C = 1000 ones when the popularity share is the same) costs the
 * CNN once, for the largest set. Score the largest set first. Holds every remembered pair (8 bytes
 * each: 240 MB for 30 k users × 1000 candidates); calls with several users pass through.
 */
public final class MemoizedScorer implements Scorer {

    private final Scorer delegate;
    private final Map<Integer, int[]> itemsByUser = new HashMap<>();
    private final Map<Integer, float[]> scoresByUser = new HashMap<>();

    public MemoizedScorer(Scorer delegate) {
        this.delegate = delegate;
    }

    @Override
    public void scorePairs(int[] users, int[] items, int n, float[] out) {
        if (n == 0) {
            return;
        }
        int user = users[0];
        for (int k = 1; k < n; k++) {
            if (users[k] != user) {
                delegate.scorePairs(users, items, n, out);
                return;
            }
        }
        int[] known = itemsByUser.get(user);
        if (known != null && lookUp(known, scoresByUser.get(user), items, n, out)) {
            return;
        }
        delegate.scorePairs(users, items, n, out);
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        int[] sortedItems = Arrays.stream(order).boxed().sorted((a, b) -> Integer.compare(items[a], items[b]))
                .mapToInt(k -> items[k]).toArray();
        float[] sortedScores = new float[n];
        for (int k = 0; k < n; k++) {
            sortedScores[Arrays.binarySearch(sortedItems, items[k])] = out[k];
        }
        itemsByUser.put(user, sortedItems);
        scoresByUser.put(user, sortedScores);
    }

    /** Fills {@code out} from memory if every item is remembered. */
    private static boolean lookUp(int[] known, float[] scores, int[] items, int n, float[] out) {
        for (int k = 0; k < n; k++) {
            int at = Arrays.binarySearch(known, items[k]);
            if (at < 0) {
                return false;
            }
            out[k] = scores[at];
        }
        return true;
    }
}
