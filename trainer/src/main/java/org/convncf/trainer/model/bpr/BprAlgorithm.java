package org.convncf.trainer.model.bpr;

import java.util.SplittableRandom;
import org.convncf.nn.UserEmbeddingKind;
import org.convncf.trainer.data.Interactions;
import org.convncf.trainer.model.Algorithm;
import org.convncf.trainer.model.HyperParameters;
import org.convncf.trainer.model.Model;
import org.convncf.trainer.model.TrainingContext;

/**
 * Base of every BPR-trained embedding model: a user-embedding function, an item table and a
 * {@link Head}. Subclasses say which; this class builds (or pre-trains) the tables and runs the
 * {@link BprTrainer}.
 *
 * @param <C> the algorithm's hyper-parameter record, holding a {@link BprConfig}
 */
public abstract class BprAlgorithm<C extends Record> implements Algorithm<C> {

    /** The training recipe inside {@code config}. */
    protected abstract BprConfig training(C config);

    /** The user-embedding function f. */
    protected abstract UserEmbeddingKind userEmbedding();

    /** A fresh head for embeddings of width {@code dim}. */
    protected abstract Head newHead(C config, int dim);

    /** D, the width of f(u) and q_i: K unless the head needs more (NeuMF). */
    protected int dimension(C config) {
        return training(config).factors();
    }

    @Override
    public final Model fit(Interactions train, C config, TrainingContext context) {
        BprConfig t = training(config);
        int dim = dimension(config);
        newHead(config, dim); // validates the architecture before any work
        EmbeddingTables tables = t.pretrain().isEmpty()
                ? EmbeddingTables.random(userEmbedding(), dim, (float) t.alpha(), train.numUsers(), train.numItems(),
                        t.initStd(), (float) t.adagradInitial(), context.seed())
                : pretrained(train, t, dim, context);
        Histories histories = Histories.recent(train, t.historyLength());
        return new BprTrainer(name(), HyperParameters.toMap(config), train, t, tables, histories,
                () -> newHead(config, dim), context).train();
    }

    /**
     * Tables initialised from the trained model of {@code t.pretrain()}: every table both have is
     * copied (tiled when this model's width is a multiple of the source's); tables the source lacks
     * are drawn at random.
     */
    private EmbeddingTables pretrained(Interactions train, BprConfig t, int dim, TrainingContext context) {
        if (!(context.pretrained(t.pretrain()) instanceof BprModel source)) {
            throw new IllegalArgumentException(name() + " pre-trains from embedding models; '" + t.pretrain() + "' is not one");
        }
        if (dim % source.dim() != 0) {
            throw new IllegalArgumentException(name() + " has embedding width " + dim + ", which is not a multiple of "
                    + t.pretrain() + "'s " + source.dim());
        }
        EmbeddingTables fresh = EmbeddingTables.random(userEmbedding(), dim, (float) t.alpha(), train.numUsers(),
                train.numItems(), t.initStd(), (float) t.adagradInitial(), context.seed());
        EmbeddingTables.Snapshot random = fresh.snapshot();
        var src = source.userEmbedding();
        float[] user = userEmbedding().usesUserTable()
                ? (src.userTable() != null ? tile(src.userTable(), source.dim(), dim) : random.user()) : null;
        float[] history = userEmbedding().usesHistory()
                ? (src.historyTable() != null ? tile(src.historyTable(), source.dim(), dim) : random.history()) : null;
        float[] item = tile(source.itemTable(), source.dim(), dim);
        context.progress().message(name() + ": embeddings initialised from " + t.pretrain()
                + (userEmbedding().usesUserTable() && src.userTable() == null ? " (p drawn at random: " + t.pretrain() + " has none)" : "")
                + (userEmbedding().usesHistory() && src.historyTable() == null ? " (q' drawn at random: " + t.pretrain() + " has none)" : ""));
        return EmbeddingTables.of(userEmbedding(), dim, (float) t.alpha(), train.numUsers(), train.numItems(), user, history,
                item, (float) t.adagradInitial());
    }

    /** Repeats each row's {@code from} columns to fill {@code to} columns. */
    static float[] tile(float[] table, int from, int to) {
        if (from == to) {
            return table.clone();
        }
        int rows = table.length / from;
        float[] out = new float[rows * to];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < to; c++) {
                out[r * to + c] = table[r * from + c % from];
            }
        }
        return out;
    }

    /** Seeds derived from the context seed for independent random choices. */
    static SplittableRandom random(long seed, long stream) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + stream);
    }
}
