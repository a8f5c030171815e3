package org.convncf.trainer.model.itemknn;

import org.convncf.trainer.data.Interactions;
import org.convncf.trainer.model.Algorithm;
import org.convncf.trainer.model.HyperParameters;
import org.convncf.trainer.model.Model;
import org.convncf.trainer.model.TrainingContext;
import org.convncf.trainer.model.knn.Adjacency;
import org.convncf.trainer.model.knn.CosineNeighbours;
import org.convncf.trainer.model.knn.ItemItemModel;
import org.convncf.trainer.model.knn.Neighbours;

/**
 * ItemKNN-CF (Sarwar et al. 2001), as tuned by Ferrari Dacrema et al. (TOIS 2021, RecSys 2019
 * {@code ItemKNNCFRecommender}): cosine similarity with a shrink term on the binary training matrix,
 * <pre>  sim(i, j) = |U_i ∩ U_j| / (sqrt|U_i| · sqrt|U_j| + shrink)</pre>
 * keeping each target item j's {@code topK} most similar items i (ties: lower id; never j itself);
 * {@code score(u, j) = Σ_{i ∈ R_u ∩ N(j)} sim(i, j)}. Similarities are computed sparsely from
 * co-occurrences, in parallel over items.
 */
public final class ItemKnn implements Algorithm<ItemKnn.Config> {

    /**
     * ItemKNN hyper-parameters.
     *
     * @param topK   neighbours kept per item (default 100)
     * @param shrink added to the cosine denominator to damp similarities built on few co-raters
     *               (default 10; 0 is the plain cosine)
     */
    public record Config(int topK, double shrink) {

        public Config {
            if (topK < 1) {
                throw new IllegalArgumentException("topK must be >= 1, got " + topK);
            }
            if (!(shrink >= 0) || Double.isInfinite(shrink)) {
                throw new IllegalArgumentException("shrink must be a finite number >= 0, got " + shrink);
            }
        }
    }

    @Override
    public String name() {
        return "itemknn";
    }

    @Override
    public String description() {
        return "ItemKNN: top-k item-item cosine with shrink over co-occurrences";
    }

    @Override
    public Config defaults() {
        return new Config(100, 10.0);
    }

    @Override
    public Model fit(Interactions train, Config config, TrainingContext context) {
        Adjacency userItems = Adjacency.userItems(train);
        Adjacency itemUsers = userItems.transpose();
        Neighbours byTarget = CosineNeighbours.compute(itemUsers, userItems, config.topK(), config.shrink(),
                context.compute().threads());
        return new ItemItemModel(name(), HyperParameters.toMap(config), userItems, byTarget);
    }
}
