package org.convncf.trainer.eval;

/** How held-out items are ranked. */
public enum Protocol {
    /** Each held-out positive is ranked among N sampled (or given) negatives: HR@k, NDCG@k. */
    SAMPLED("sampled"),
    /** Held-out positives are ranked among all items the user has not interacted with in training: Recall@k, NDCG@k. */
    FULL_RANKING("full-ranking");

    private final String label;

    Protocol(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
