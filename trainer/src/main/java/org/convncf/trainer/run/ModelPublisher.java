package org.convncf.trainer.run;

import ai.djl.engine.Engine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.convncf.nn.ConvNcfWeights;
import org.convncf.nn.Embeddings;
import org.convncf.nn.ServingModel;
import org.convncf.rank.ItemItemWeights;
import org.convncf.store.ArtifactBuilder;
import org.convncf.store.Gate;
import org.convncf.store.ModelStore;
import org.convncf.store.PublishResult;
import org.convncf.trainer.data.Interactions;
import org.convncf.trainer.eval.Split;
import org.convncf.trainer.model.Algorithm;
import org.convncf.trainer.model.Algorithms;
import org.convncf.trainer.model.Model;
import org.convncf.trainer.model.TrainingHistory;
import org.convncf.trainer.model.bpr.BprModel;
import org.convncf.trainer.model.bpr.ConvNcfHead;
import org.convncf.trainer.model.bpr.ShallowAlgorithm;
import org.convncf.trainer.model.convncf.ConvNcf;
import org.convncf.trainer.model.ease.Ease;
import org.convncf.trainer.model.itemknn.ItemKnn;
import org.convncf.trainer.model.knn.ItemItemModel;
import org.convncf.trainer.model.knn.Neighbours;
import org.convncf.trainer.model.rp3b.Rp3Beta;
import org.convncf.trainer.model.userknn.UserKnn;

/**
 * Turns a trained model the service can serve (a dot-product or ConvNCF embedding model, an item-item
 * model: ItemKNN, RP3β, EASE^R, or UserKNN) into a model-store version: the {@link ServingModel}
 * tensors, a manifest with the split, metrics, hyper-parameters and training facts, and for
 * trained-by-epoch models the per-epoch records and learning curve as extra files.
 */
public final class ModelPublisher {

    private final ModelStore store;

    public ModelPublisher(ModelStore store) {
        this.store = store;
    }

    /** Whether models of this algorithm can be published for serving. */
    public static boolean servable(Algorithm<?> algorithm) {
        return algorithm instanceof ShallowAlgorithm || algorithm instanceof ConvNcf || algorithm instanceof ItemKnn
                || algorithm instanceof Rp3Beta || algorithm instanceof Ease || algorithm instanceof UserKnn;
    }

    /** Refuses, before any training, an algorithm whose models the service cannot serve. */
    public static void requireServable(String algorithm) {
        if (!servable(Algorithms.byName(algorithm))) {
            throw new IllegalArgumentException(algorithm + " cannot be published for serving: the service serves mf, fism,"
                    + " svdpp, convncf-*, itemknn, rp3b, ease and userknn models (use evaluate to compare the others)");
        }
    }

    /** A version {@link #publishRuns} published: under which name, and whether it became current. */
    public record Published(String name, PublishResult result, Path store) {

        /** One line for the console: name, version, whether it is current (and why not), the store. */
        public String describe() {
            return "published " + name + " version " + result.version()
                    + (result.current() ? " (now current)" : " (not current: " + result.reason() + ")") + " to " + store;
        }
    }

    /**
     * Publishes {@code main}, the model an experiment was run for, as {@code name}, and every servable
     * model the experiment trained on the way (the shallow counterparts a ConvNCF pre-trained from),
     * under its algorithm's name; models the experiment read from a store are there already.
     */
    public List<Published> publishRuns(Experiment experiment, ModelRun main, String name, Gate gate,
            Map<String, Object> trainingFacts) {
        List<Published> published = new ArrayList<>();
        for (ModelRun r : experiment.runs()) {
            if (r != main && (!servable(r.model()) || experiment.isImported(r.algorithm()))) {
                continue;
            }
            String as = r == main ? name : r.algorithm();
            published.add(new Published(as, publish(as, r, experiment.split(), dep -> experiment.run(dep).model(), gate,
                    trainingFacts), store.root()));
        }
        return published;
    }

    /** Whether the service can serve this model (a dot-product, ConvNCF, item-item or UserKNN model). */
    public static boolean servable(Model model) {
        return model instanceof ItemItemModel || model instanceof Ease.EaseModel || model instanceof UserKnn.UserKnnModel
                || model instanceof BprModel bpr && (bpr.head().isDot() || bpr.head() instanceof ConvNcfHead);
    }

    /**
     * Publishes {@code run} as a new version of {@code name}.
     *
     * @param pretrained the experiment's other trained models by algorithm name: the candidate
     *                   generator of a pre-trained ConvNCF is its shallow counterpart
     */
    public PublishResult publish(String name, ModelRun run, Split split, Function<String, Model> pretrained, Gate gate,
            Map<String, Object> trainingFacts) {
        if (!servable(run.model())) {
            throw new IllegalArgumentException(run.algorithm() + " cannot be published for serving: the service serves"
                    + " dot-product (mf, fism, svdpp), ConvNCF, item-item (itemknn, rp3b, ease) and userknn models");
        }
        Interactions train = split.train();
        // Every training interaction, in time order: the service scores a user from the most recent
        // historyLength of them (as training did) and never recommends any of them again.
        int[] offsets = new int[train.numUsers() + 1];
        int[] items = new int[train.size()];
        int longest = 0;
        for (int u = 0; u < train.numUsers(); u++) {
            offsets[u + 1] = train.end(u);
            longest = Math.max(longest, train.end(u) - train.start(u));
            for (int idx = train.start(u); idx < train.end(u); idx++) {
                items[idx] = train.itemAt(idx);
            }
        }
        Map<String, Object> training = new LinkedHashMap<>(trainingFacts);
        training.put("algorithm", run.algorithm());
        training.put("seconds", run.trainSeconds());
        ArtifactBuilder artifact;
        ItemItemWeights itemItem = itemItemWeights(run.model());
        if (run.model() instanceof UserKnn.UserKnnModel userKnn) {
            // Its profiles are the training histories; the service finds a user's neighbours from all of them.
            UserKnn.Config config = userKnn.config();
            artifact = new ArtifactBuilder("useruser", run.algorithm());
            ServingModel.writeUserUser(artifact, run.algorithm(), config.topK(), config.shrink(), Math.max(1, longest),
                    offsets, items, train.itemCounts());
        } else if (itemItem != null) {
            // Training scores a user from all their training items: so does the service, plus new events.
            artifact = new ArtifactBuilder("itemitem", run.algorithm());
            ServingModel.writeItemItem(artifact, run.algorithm(), itemItem, Math.max(1, longest), offsets, items,
                    train.itemCounts());
        } else {
            BprModel model = (BprModel) run.model();
            Embeddings scoring = new Embeddings(model.userEmbedding(), model.itemTable());
            ConvNcfWeights network = model.head() instanceof ConvNcfHead ? convNcfWeights(model) : null;
            Embeddings retrieval = scoring;
            Object source = model.hyperParameters().get("pretrain");
            if (network != null && source instanceof String s && !s.isEmpty()
                    && pretrained.apply(s) instanceof BprModel shallow && shallow.head().isDot()) {
                retrieval = new Embeddings(shallow.userEmbedding(), shallow.itemTable());
            }
            artifact = new ArtifactBuilder(network != null ? "convncf" : "shallow", model.userEmbedding().kind().label());
            ServingModel.write(artifact, new ServingModel.Parts(scoring, network, retrieval,
                    ((Number) model.hyperParameters().get("historyLength")).intValue(), offsets, items,
                    train.itemCounts()));
            TrainingHistory history = model.history();
            training.put("epochs", history.epochs().size());
            training.put("selectedEpoch", history.selectedEpoch());
            training.put("stoppedEarly", history.stoppedEarly());
            if (!history.kernel().isEmpty()) {
                // Which kernel trained the network: their float rounding differs, so it is part of the provenance.
                training.put("kernel", history.kernel());
            }
            if (source instanceof String s && !s.isEmpty()) {
                training.put("pretrainedFrom", s);
            }
            if (!history.epochs().isEmpty()) {
                artifact.file("epochs.csv", LearningCurves.csv(history).getBytes(StandardCharsets.UTF_8));
                LearningCurves.pngIfDrawable(name, history).ifPresent(png -> artifact.file("learning-curve.png", png));
            }
        }
        artifact.users(train.users()).items(train.items())
                .hyperParameters(run.model().hyperParameters())
                .split(split.info().toMap())
                .metrics("validation", run.validation().metrics())
                .metrics("test", run.test().metrics());
        if (run.paperStyleTest() != null) {
            artifact.metrics("testMeanOfLast10Epochs", run.paperStyleTest().metrics());
        }
        artifact.training(training).engine(engineFacts());
        return store.publish(name, artifact, gate);
    }

    /** An item-item model's weights as the service holds them (CSR rows by source item), or null. */
    private static ItemItemWeights itemItemWeights(Model model) {
        if (model instanceof ItemItemModel itemItem) {
            Neighbours bySource = itemItem.bySource();
            int[] offsets = new int[bySource.rows() + 1];
            int[] targets = new int[bySource.nnz()];
            float[] weights = new float[bySource.nnz()];
            for (int i = 0; i < bySource.rows(); i++) {
                offsets[i + 1] = bySource.end(i);
                for (int p = bySource.start(i); p < bySource.end(i); p++) {
                    targets[p] = bySource.id(p);
                    weights[p] = bySource.weight(p);
                }
            }
            return new ItemItemWeights(offsets, targets, weights);
        }
        if (model instanceof Ease.EaseModel ease) {
            return dense(ease);
        }
        return null;
    }

    /**
     * EASE^R's dense B without its zeros (the diagonal, and any weight that is exactly 0): leaving out
     * a term of +0 or −0 changes no sum that starts at +0, so the service's scores stay bit-identical
     * to the trainer's, at n² − n entries (8 bytes each) for n items.
     */
    private static ItemItemWeights dense(Ease.EaseModel ease) {
        int n = ease.numItems();
        int[] offsets = new int[n + 1];
        for (int i = 0; i < n; i++) {
            int kept = 0;
            for (int j = 0; j < n; j++) {
                kept += ease.weight(i, j) != 0f ? 1 : 0;
            }
            offsets[i + 1] = Math.addExact(offsets[i], kept);
        }
        int[] targets = new int[offsets[n]];
        float[] weights = new float[offsets[n]];
        for (int i = 0, p = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                float w = ease.weight(i, j);
                if (w != 0f) {
                    targets[p] = j;
                    weights[p++] = w;
                }
            }
        }
        return new ItemItemWeights(offsets, targets, weights);
    }

    private static ConvNcfWeights convNcfWeights(BprModel model) {
        return ((ConvNcfHead) model.head()).weights(model.dim());
    }

    /** DJL and engine versions, and the trainer's build and machine ({@link Provenance}). */
    public static Map<String, Object> engineFacts() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("djl", Engine.getDjlVersion());
        Engine engine = Engine.getInstance();
        m.put("engine", engine.getEngineName());
        m.put("engineVersion", engine.getVersion());
        m.putAll(Provenance.current().toMap());
        return m;
    }
}
