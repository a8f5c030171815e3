package org.convncf.trainer.model.knn;

import java.io.IOException;
import java.util.Random;
import org.convncf.trainer.TestData;
import org.convncf.trainer.data.CsvReader;
import org.convncf.trainer.data.DataFormat;
import org.convncf.trainer.data.DatasetLoader;
import org.convncf.trainer.data.Interactions;
import org.convncf.trainer.data.InteractionsBuilder;
import org.convncf.trainer.eval.EvalResult;
import org.convncf.trainer.eval.Protocol;
import org.convncf.trainer.eval.Split;
import org.convncf.trainer.model.Algorithm;
import org.convncf.trainer.model.ComputeSettings;
import org.convncf.trainer.model.Model;
import org.convncf.trainer.model.TrainingContext;
import org.convncf.trainer.run.SplitOptions;

/** Small datasets and helpers shared by the neighbourhood-model tests. */
public final class KnnFixtures {

    /** ItemPop's ml-100k leave-one-out test HR@10 (seed 42, 999 negatives): 107 of 943 users. */
    public static final double ITEMPOP_ML100K_HR10 = 107.0 / 943;

    private KnnFixtures() {
    }

    /**
     * Five users, five items (ids in this order: A=0, B=1, C=2, D=3, E=4; u0..u4 = 0..4):
     * u0 {A,B,C}, u1 {A,B}, u2 {B,C,D}, u3 {A,D}, u4 {E}. Item users: A {u0,u1,u3}, B {u0,u1,u2},
     * C {u0,u2}, D {u2,u3}, E {u4}.
     */
    public static Interactions tiny() {
        InteractionsBuilder b = new InteractionsBuilder();
        b.add("u0", "A");
        b.add("u0", "B");
        b.add("u0", "C");
        b.add("u1", "A");
        b.add("u1", "B");
        b.add("u2", "B");
        b.add("u2", "C");
        b.add("u2", "D");
        b.add("u3", "A");
        b.add("u3", "D");
        b.add("u4", "E");
        Interactions x = b.build();
        for (int k = 0; k < 5; k++) {
            if (x.users().indexOf("u" + k) != k || x.items().indexOf(String.valueOf((char) ('A' + k))) != k) {
                throw new IllegalStateException("unexpected id assignment");
            }
        }
        return x;
    }

    /** A random binary dataset with skewed item popularity. */
    public static Interactions random(int users, int items, int perUser, long seed) {
        Random rnd = new Random(seed);
        InteractionsBuilder b = new InteractionsBuilder();
        for (int u = 0; u < users; u++) {
            int n = 1 + rnd.nextInt(perUser);
            for (int t = 0; t < n; t++) {
                double r = rnd.nextDouble();
                int item = (int) (items * r * r); // popular low ids
                b.add("u" + u, "i" + item);
            }
        }
        return b.build();
    }

    /** A context on the CPU with {@code threads} threads (0: the common pool). */
    public static TrainingContext context(int threads) {
        return TrainingContext.of(42L, new ComputeSettings("cpu", threads), null, new TrainingContext.ProgressListener() {
        }, null);
    }

    /** Every (user, item) score through {@link Model#scoreAllItems}, row by row. */
    public static float[][] allScores(Model m, Interactions x) {
        float[][] out = new float[x.numUsers()][x.numItems()];
        for (int u = 0; u < x.numUsers(); u++) {
            m.scoreAllItems(u, out[u]);
        }
        return out;
    }

    /**
     * Every (user, item) score through {@link Model#scorePairs}: one call holding all pairs in runs
     * of the same user (the evaluator's shape), and one call per pair.
     */
    public static float[][][] pairScores(Model m, Interactions x) {
        int nu = x.numUsers();
        int ni = x.numItems();
        int[] users = new int[nu * ni];
        int[] items = new int[nu * ni];
        for (int u = 0; u < nu; u++) {
            for (int i = 0; i < ni; i++) {
                users[u * ni + i] = u;
                items[u * ni + i] = i;
            }
        }
        float[] batched = new float[nu * ni];
        m.scorePairs(users, items, nu * ni, batched);
        float[][] runs = new float[nu][ni];
        float[][] single = new float[nu][ni];
        float[] one = new float[1];
        for (int u = 0; u < nu; u++) {
            System.arraycopy(batched, u * ni, runs[u], 0, ni);
            for (int i = 0; i < ni; i++) {
                m.scorePairs(new int[] {u}, new int[] {i}, 1, one);
                single[u][i] = one[0];
            }
        }
        return new float[][][] {runs, single};
    }

    /** Result of fitting and evaluating on ml-100k's leave-one-out test split. */
    public record Ml100k(EvalResult test, long fitMillis, long evalMillis) {
    }

    /** Fits {@code algorithm} with {@code config} on ml-100k leave-one-out (seed 42, 999 negatives) and evaluates on test. */
    public static <C extends Record> Ml100k ml100k(Algorithm<C> algorithm, C config) throws IOException {
        var data = DatasetLoader.load(TestData.dataset("ml-100k"), DataFormat.AUTO, CsvReader.Options.DEFAULT);
        Split split = new SplitOptions("leave-one-out", Protocol.SAMPLED, 999, 42).apply(data);
        long t0 = System.nanoTime();
        try (Model model = algorithm.fit(split.train(), config, TrainingContext.simple(42L))) {
            long t1 = System.nanoTime();
            EvalResult r = split.evaluateTest(model);
            long t2 = System.nanoTime();
            System.out.printf("%s on ml-100k leave-one-out: test HR@10 %.4f NDCG@10 %.4f (fit %d ms, eval %d ms) %s%n",
                    algorithm.name(), r.get("HR@10"), r.get("NDCG@10"), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
                    model.hyperParameters());
            return new Ml100k(r, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
        }
    }
}
