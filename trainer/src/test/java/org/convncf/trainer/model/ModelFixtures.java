package org.convncf.trainer.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.convncf.trainer.TestData;
import org.convncf.trainer.data.CsvReader;
import org.convncf.trainer.data.DataFormat;
import org.convncf.trainer.data.DatasetLoader;
import org.convncf.trainer.data.Interactions;
import org.convncf.trainer.data.InteractionsBuilder;
import org.convncf.trainer.eval.Split;
import org.convncf.trainer.eval.Splits;

/**
 * Small real data and small hyper-parameters for the model tests: the first users of ml-100k (with
 * their timestamps), split leave-one-out, and overrides that keep every algorithm to one quick epoch.
 */
public final class ModelFixtures {

    /** Seed of the splits and of training in these tests. */
    public static final long SEED = 42L;

    /** Sampled negatives per held-out item (the smoke tests keep ConvNCF scoring tiny). */
    public static final int NEGATIVES = 49;

    private static Interactions ml100k;

    private ModelFixtures() {
    }

    /** All of ml-100k (skips the test, or fails it in CI, when the data is absent). */
    public static synchronized Interactions ml100k() {
        if (ml100k == null) {
            try {
                ml100k = DatasetLoader.load(TestData.dataset("ml-100k"), DataFormat.AUTO, CsvReader.Options.DEFAULT).train();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return ml100k;
    }

    /**
     * The ml-100k users with external ids 1..{@code users} and every rating of theirs, with
     * timestamps; items are the ones these users rated.
     */
    public static Interactions ml100kUsers(int users) {
        Interactions all = ml100k();
        InteractionsBuilder b = new InteractionsBuilder();
        for (int id = 1; id <= users; id++) {
            int u = all.users().indexOf(Integer.toString(id));
            for (int k = all.start(u); k < all.end(u); k++) {
                b.add(Integer.toString(id), all.items().externalId(all.itemAt(k)), all.timeAt(k));
            }
        }
        return b.build();
    }

    /** Leave-one-out (latest by timestamp as test, a random other one as validation), 49 negatives. */
    public static Split split(int users) {
        return Splits.leaveOneOut("ml-100k (users 1.." + users + ")", ml100kUsers(users), NEGATIVES, SEED);
    }

    /** The one-quick-epoch settings: K=16, C=4, batches of 256, histories of 32, one epoch, no patience. */
    public static Map<String, String> smallSettings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("factors", "16");
        s.put("channels", "4");
        s.put("batchSize", "256");
        s.put("historyLength", "32");
        s.put("epochs", "1");
        s.put("patience", "0");
        s.put("topK", "20");
        return s;
    }

    /**
     * Per-algorithm overrides the way the command line builds them from unprefixed keys: every
     * algorithm that has a key gets it, so pre-training dependencies are as small as their users.
     */
    public static Map<String, Map<String, String>> overrides(Map<String, String> settings) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (Algorithm<?> a : Algorithms.all()) {
            Set<String> keys = HyperParameters.toMap(a.defaults()).keySet();
            Map<String, String> mine = new LinkedHashMap<>();
            settings.forEach((k, v) -> {
                if (keys.contains(k)) {
                    mine.put(k, v);
                }
            });
            if (!mine.isEmpty()) {
                out.put(a.name(), mine);
            }
        }
        return out;
    }

    /** The CPU with the engine's default threads. */
    public static ComputeSettings cpu() {
        return new ComputeSettings("cpu", 0);
    }

    /** A progress listener that ignores everything. */
    public static TrainingContext.ProgressListener quiet() {
        return new TrainingContext.ProgressListener() {
        };
    }
}
