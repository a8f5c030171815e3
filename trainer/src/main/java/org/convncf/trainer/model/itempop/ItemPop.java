package org.convncf.trainer.model.itempop;

import java.util.Map;
import org.convncf.trainer.data.Interactions;
import org.convncf.trainer.model.Algorithm;
import org.convncf.trainer.model.Model;
import org.convncf.trainer.model.TrainingContext;

/** ItemPop: every user gets the items with the most training interactions. Non-personalised. */
public final class ItemPop implements Algorithm<ItemPop.Config> {

    /** ItemPop has no hyper-parameters. */
    public record Config() {
    }

    @Override
    public String name() {
        return "itempop";
    }

    @Override
    public String description() {
        return "popularity: number of training interactions per item";
    }

    @Override
    public Config defaults() {
        return new Config();
    }

    @Override
    public Model fit(Interactions train, Config config, TrainingContext context) {
        return new PopularityModel(train.itemCounts());
    }

    /** Scores an item by its training popularity. */
    public static final class PopularityModel implements Model {
        private final int[] counts;

        PopularityModel(int[] counts) {
            this.counts = counts;
        }

        /** Training interactions per item (a copy). */
        public int[] counts() {
            return counts.clone();
        }

        @Override
        public void scorePairs(int[] users, int[] items, int n, float[] out) {
            for (int k = 0; k < n; k++) {
                out[k] = counts[items[k]];
            }
        }

        @Override
        public void scoreAllItems(int user, float[] out) {
            for (int i = 0; i < counts.length; i++) {
                out[i] = counts[i];
            }
        }

        @Override
        public String algorithm() {
            return "itempop";
        }

        @Override
        public Map<String, Object> hyperParameters() {
            return Map.of();
        }
    }
}
