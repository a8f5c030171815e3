package org.convncf.trainer.model.mf;

import org.convncf.nn.UserEmbeddingKind;
import org.convncf.trainer.model.bpr.ShallowAlgorithm;

/** MF-BPR (Rendle et al., 2009): ŷ = p_u · q_i. */
public final class MfBpr extends ShallowAlgorithm {

    @Override
    public String name() {
        return "mf";
    }

    @Override
    public String description() {
        return "MF-BPR: p_u . q_i";
    }

    @Override
    protected UserEmbeddingKind userEmbedding() {
        return UserEmbeddingKind.MF;
    }
}
