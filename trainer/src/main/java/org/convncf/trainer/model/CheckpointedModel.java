package org.convncf.trainer.model;

import java.util.List;
import org.convncf.trainer.eval.Scorer;

/**
 * A model that kept the parameters of its last evaluated epochs, so that the runner can also report
 * test metrics the way the ConvNCF paper does (mean of the last ten evaluated epochs) without
 * training code ever scoring the test split.
 */
public interface CheckpointedModel extends Model {

    /** Scorers for up to the last ten evaluated epochs, oldest first. */
    List<? extends Scorer> lastEvaluatedCheckpoints();
}
