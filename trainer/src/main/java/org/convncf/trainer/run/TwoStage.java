package org.convncf.trainer.run;

import java.util.Arrays;

/**
 * How ConvNCF models are evaluated two-stage under full ranking.
 *
 * @param candidates      the candidate counts C to report (validation uses the largest)
 * @param popularityShare fraction of the C candidates taken from the most popular items (the
 *                        service's {@code convncf.recommend.popularity-share})
 */
public record TwoStage(int[] candidates, double popularityShare) {

    public TwoStage {
        if (candidates.length == 0) {
            throw new IllegalArgumentException("two-stage evaluation needs at least one candidate count");
        }
        candidates = candidates.clone();
        Arrays.sort(candidates);
        if (candidates[0] < 20) {
            throw new IllegalArgumentException("candidate counts must be >= 20 (the largest metric cutoff), got "
                    + candidates[0]);
        }
        if (!(popularityShare >= 0 && popularityShare <= 1)) {
            throw new IllegalArgumentException("popularity share must be in [0, 1], got " + popularityShare);
        }
    }

    @Override
    public int[] candidates() {
        return candidates.clone();
    }

    public int largest() {
        return candidates[candidates.length - 1];
    }
}
