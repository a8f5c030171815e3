package org.convncf.trainer.eval;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.convncf.trainer.data.Interactions;

/**
 * A train/validation/test split under one {@link Protocol}.
 *
 * <p>Training code receives {@link #train()} only: the held-out validation and test items are not in
 * it and live in package-private sets that only the {@link Evaluator} reads. Models are scored on
 * them through {@link #evaluateValidation} (for model selection) and {@link #evaluateTest} (once,
 * for the selected model).
 */
public final class Split {

    /** Metric cutoffs of the paper: 5, 10 and 20. */
    public static final int[] CUTOFFS = {5, 10, 20};

    private final Interactions train;
    private final Protocol protocol;
    private final SampledCandidates sampledValidation;
    private final SampledCandidates sampledTest;
    private final RankingTargets rankingValidation;
    private final RankingTargets rankingTest;
    private final Interactions rankingTestSeen;
    private final SplitInfo info;
    private final int[] itemCounts;

    Split(Interactions train, Protocol protocol, SampledCandidates sampledValidation, SampledCandidates sampledTest,
            RankingTargets rankingValidation, RankingTargets rankingTest, SplitInfo info) {
        this(train, protocol, sampledValidation, sampledTest, rankingValidation, rankingTest, train, info);
    }

    /**
     * @param rankingTestSeen the interactions whose items are not candidates in the full-ranking test:
     *                        the dataset's training file, which includes a validation item carved out of it
     */
    Split(Interactions train, Protocol protocol, SampledCandidates sampledValidation, SampledCandidates sampledTest,
            RankingTargets rankingValidation, RankingTargets rankingTest, Interactions rankingTestSeen, SplitInfo info) {
        this.train = train;
        this.protocol = protocol;
        this.sampledValidation = sampledValidation;
        this.sampledTest = sampledTest;
        this.rankingValidation = rankingValidation;
        this.rankingTest = rankingTest;
        this.rankingTestSeen = rankingTestSeen;
        this.info = info;
        this.itemCounts = train.itemCounts();
    }

    /** The training view: every interaction that is neither a validation nor a test item. */
    public Interactions train() {
        return train;
    }

    public Protocol protocol() {
        return protocol;
    }

    public SplitInfo info() {
        return info;
    }

    /** Users with a validation item. */
    public int validationUsers() {
        return protocol == Protocol.SAMPLED ? sampledValidation.size() : rankingValidation.size();
    }

    /** Metrics on the validation items: the only ones model selection may look at. */
    public EvalResult evaluateValidation(Scorer scorer) {
        return evaluateValidation(scorer, Integer.MAX_VALUE, 0L);
    }

    /**
     * Metrics on a fixed random subset of at most {@code maxUsers} validation users (the same subset
     * for the same {@code seed}), which makes per-epoch validation of expensive models affordable.
     */
    public EvalResult evaluateValidation(Scorer scorer, int maxUsers, long seed) {
        if (protocol == Protocol.SAMPLED) {
            SampledCandidates set = sampledValidation;
            if (set.size() > maxUsers) {
                set = set.subset(sampleUsers(set.size(), maxUsers, seed));
            }
            return Evaluator.sampled(set, scorer, CUTOFFS, itemCounts);
        }
        RankingTargets set = rankingValidation;
        if (set.size() > maxUsers) {
            set = set.subset(sampleUsers(set.size(), maxUsers, seed));
        }
        return Evaluator.fullRanking(set, train, scorer, CUTOFFS);
    }

    /**
     * Metrics on the test items. Call it once, for the model that validation selected. Under full
     * ranking the candidates are the items outside the dataset's training interactions (a validation
     * item carved out of them is not a candidate).
     */
    public EvalResult evaluateTest(Scorer scorer) {
        return evaluateTest(scorer, CUTOFFS);
    }

    /** {@link #evaluateTest(Scorer)} at other cutoffs (e.g. a candidate recall at C). */
    public EvalResult evaluateTest(Scorer scorer, int... cutoffs) {
        if (cutoffs.length == 0) {
            throw new IllegalArgumentException("at least one cutoff is needed");
        }
        return protocol == Protocol.SAMPLED
                ? Evaluator.sampled(sampledTest, scorer, cutoffs, itemCounts)
                : Evaluator.fullRanking(rankingTest, rankingTestSeen, scorer, cutoffs);
    }

    private static int[] sampleUsers(int n, int k, long seed) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x5DEECE66DL);
        for (int i = 0; i < k; i++) {
            int j = i + rnd.nextInt(n - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        int[] keep = Arrays.copyOf(idx, k);
        Arrays.sort(keep);
        return keep;
    }

    @Override
    public String toString() {
        return info.describe();
    }
}
