package org.convncf.trainer.model.fism;

import org.convncf.nn.UserEmbeddingKind;
import org.convncf.trainer.model.bpr.ShallowAlgorithm;

/**
 * FISM (Kabbur et al., 2013) with BPR: ŷ = (|R_u \ {i}|^-α Σ_{t ∈ R_u \ {i}} q'_t) · q_i, the
 * history table q' separate from the target table q.
 */
public final class Fism extends ShallowAlgorithm {

    @Override
    public String name() {
        return "fism";
    }

    @Override
    public String description() {
        return "FISM: normalised sum of history items . q_i";
    }

    @Override
    protected UserEmbeddingKind userEmbedding() {
        return UserEmbeddingKind.FISM;
    }
}
