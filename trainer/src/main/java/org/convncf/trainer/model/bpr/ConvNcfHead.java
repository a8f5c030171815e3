package org.convncf.trainer.model.bpr;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.convncf.nn.ConvNcfBlock;
import org.convncf.nn.ConvNcfWeights;

/** ConvNCF's interaction network: the shared {@link ConvNcfBlock} of the model-store module. */
public final class ConvNcfHead implements Head {

    private final ConvNcfBlock block;

    public ConvNcfHead(int embeddingSize, int channels) {
        this.block = new ConvNcfBlock(embeddingSize, channels);
    }

    @Override
    public String type() {
        return "convncf";
    }

    @Override
    public Block block() {
        return block;
    }

    @Override
    public int cpuMicroBatch() {
        return INTERACTION_MAP_MICRO_BATCH;
    }

    @Override
    public Map<String, Object> architecture() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("interaction", "convncf");
        m.put("embeddingSize", block.embeddingSize());
        m.put("channels", block.channels());
        m.put("layers", block.layers());
        m.put("kernel", "2x2, stride 2, no padding, ReLU");
        m.put("multiplyAddsPerPair", block.multiplyAddsPerPair());
        return m;
    }

    @Override
    public void initialize(NDManager manager, int dim, SplittableRandom rnd) {
        block.initialize(manager, ConvNcfWeights.random(block.embeddingSize(), block.channels(), rnd.nextLong()));
    }

    /** The current parameters, for the scorers of {@code org.convncf.nn}. */
    ConvNcfWeights weightsForScoring() {
        return block.weights();
    }

    /** The current parameters (for exporting a model of embedding width {@code dim}). */
    public ConvNcfWeights weights(int dim) {
        if (dim != block.embeddingSize()) {
            throw new IllegalArgumentException("this head is for K=" + block.embeddingSize() + ", not " + dim);
        }
        return block.weights();
    }

    /** Replaces the parameters' values (the fused training step keeps its own copy and writes it here). */
    void setWeights(NDManager manager, ConvNcfWeights weights) {
        block.initialize(manager, weights);
    }

    @Override
    public void allocate(NDManager manager, int dim) {
        block.initialize(manager, ConvNcfWeights.random(block.embeddingSize(), block.channels(), 0));
    }
}
