package org.convncf.trainer.run;

import java.util.Arrays;
import org.convncf.trainer.model.Algorithms;
import org.convncf.trainer.model.convncf.ConvNcf;

/**
 * How ConvNCF models are evaluated two-stage under full ranking.
 *
 * @param candidates      the candidate counts C to report (validation uses the largest)
 * @param popularityShare fraction of the C candidates taken from the most popular items (the
 *                        service's {@code convncf.recommend.popularity-share})
 * @param retrieval       the model that generates the candidates; null for each ConvNCF model's own
 *                        shallow pre-training model, as the service does. Another model (an item-item
 *                        one, say) measures what a different first stage would give the re-ranker.
 */
public record TwoStage(int[] candidates, double popularityShare, String retrieval) {

    /** Candidates from each ConvNCF model's pre-training model, as served. */
    public TwoStage(int[] candidates, double popularityShare) {
        this(candidates, popularityShare, null);
    }

    public TwoStage {
        if (retrieval != null && Algorithms.byName(retrieval) instanceof ConvNcf) { // an unknown name throws too
            throw new IllegalArgumentException("candidates from " + retrieval + " would have the CNN score every item,"
                    + " which is what the first stage is there to avoid; name a model that scores all items cheaply");
        }
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
