package org.convncf.trainer.run;

import java.util.Locale;
import org.convncf.trainer.data.Interactions;
import org.convncf.trainer.data.LoadedDataset;
import org.convncf.trainer.eval.GivenNegatives;
import org.convncf.trainer.eval.Protocol;
import org.convncf.trainer.eval.Split;
import org.convncf.trainer.eval.Splits;

/**
 * How to split a dataset for an experiment.
 *
 * @param method    {@code auto} (the dataset's own test split if it has one, else leave-one-out),
 *                  {@code given} or {@code leave-one-out} (which first pools any given splits)
 * @param protocol  sampled negatives or full ranking
 * @param negatives negatives per held-out item under the sampled protocol; 0 = the dataset's given
 *                  count, or 999 (the ConvNCF paper's) when it gives none
 * @param seed      seed of every random choice of the split
 * @param givenNegatives what to do with given test negatives that are positives of their user
 */
public record SplitOptions(String method, Protocol protocol, int negatives, long seed, GivenNegatives givenNegatives) {

    public SplitOptions {
        method = method.toLowerCase(Locale.ROOT);
        if (!method.equals("auto") && !method.equals("given") && !method.equals("leave-one-out")) {
            throw new IllegalArgumentException("split must be auto, given or leave-one-out, got '" + method + "'");
        }
        if (negatives < 0) {
            throw new IllegalArgumentException("negatives must be >= 0, got " + negatives);
        }
        if (givenNegatives == null) {
            throw new IllegalArgumentException("givenNegatives is required");
        }
    }

    /** Given negatives used as published. */
    public SplitOptions(String method, Protocol protocol, int negatives, long seed) {
        this(method, protocol, negatives, seed, GivenNegatives.AS_GIVEN);
    }

    public static SplitOptions defaults() {
        return new SplitOptions("auto", Protocol.SAMPLED, 0, 42L);
    }

    public Split apply(LoadedDataset data) {
        boolean given = method.equals("given") || (method.equals("auto") && data.test().isPresent());
        if (given) {
            return Splits.given(data, protocol, negatives, seed, givenNegatives);
        }
        if (givenNegatives != GivenNegatives.AS_GIVEN) {
            throw new IllegalArgumentException("a leave-one-out split samples its own negatives; the given-negatives"
                    + " policy applies to a dataset's given test split only (split=given)");
        }
        if (protocol != Protocol.SAMPLED) {
            throw new IllegalArgumentException("full ranking needs a dataset with a given test split (split=given)");
        }
        Interactions all = data.test().isPresent() || data.validation().isPresent() ? Splits.pool(data) : data.train();
        String name = all == data.train() ? data.name() : data.name() + " (pooled)";
        return Splits.leaveOneOut(name, all, negatives == 0 ? 999 : negatives, seed);
    }
}
