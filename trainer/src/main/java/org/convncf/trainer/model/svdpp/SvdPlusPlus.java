package org.convncf.trainer.model.svdpp;

import org.convncf.nn.UserEmbeddingKind;
import org.convncf.trainer.model.bpr.ShallowAlgorithm;

/** SVD++ (Koren, 2008) with BPR: ŷ = (p_u + FISM term) · q_i. */
public final class SvdPlusPlus extends ShallowAlgorithm {

    @Override
    public String name() {
        return "svdpp";
    }

    @Override
    public String description() {
        return "SVD++: (p_u + normalised sum of history items) . q_i";
    }

    @Override
    protected UserEmbeddingKind userEmbedding() {
        return UserEmbeddingKind.SVDPP;
    }
}
