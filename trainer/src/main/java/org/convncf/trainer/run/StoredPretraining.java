package org.convncf.trainer.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.convncf.nn.ServingModel;
import org.convncf.store.Manifest;
import org.convncf.store.ModelArtifact;
import org.convncf.store.ModelStore;
import org.convncf.store.ModelStoreException;
import org.convncf.trainer.data.Interactions;
import org.convncf.trainer.eval.Split;
import org.convncf.trainer.model.Algorithm;
import org.convncf.trainer.model.Algorithms;
import org.convncf.trainer.model.TrainingHistory;
import org.convncf.trainer.model.bpr.BprModel;
import org.convncf.trainer.model.bpr.Histories;
import org.convncf.trainer.model.bpr.ShallowAlgorithm;

/**
 * A shallow embedding model (MF, FISM, SVD++) read back from the model store, so that an experiment
 * pre-trains ConvNCF from it instead of training it again: a tuned counterpart trained once serves
 * every later ConvNCF run on the same split, and a short GPU session spends its time on ConvNCF.
 *
 * <p>Only a version trained on <em>this</em> split is accepted: its manifest's split (dataset
 * fingerprint, seed, held-out method, sizes, negatives) must equal this one's, its user and item
 * ids must be this training view's, in the same order, and the training interactions it stores (the
 * service's histories) must be this split's, one by one. A model trained on another split has seen
 * this split's held-out items, and pre-training from it would leak them into the test.
 *
 * @param name         the algorithm it stands in for ({@code mf}, {@code fism} or {@code svdpp})
 * @param model        the stored tables as a trainer model, scoring exactly as the stored one does
 * @param trainSeconds the training time the manifest records (spent in the run that published it)
 * @param origin       store, model and version, for logs and tables
 */
public record StoredPretraining(String name, BprModel model, double trainSeconds, String origin) {

    public StoredPretraining {
        Objects.requireNonNull(name);
        Objects.requireNonNull(model);
        Objects.requireNonNull(origin);
    }

    /**
     * Reads model {@code name} from the store at {@code root}: {@code version}, or the current one
     * when null, and checks it against {@code split}.
     *
     * @throws IllegalArgumentException if {@code name} is not a shallow embedding algorithm, the store,
     *                                  model or version is missing or invalid, or the version holds
     *                                  another model or was trained on another split
     */
    public static StoredPretraining load(Path root, String name, String version, Split split) {
        Algorithm<?> algorithm = Algorithms.byName(name);
        if (!(algorithm instanceof ShallowAlgorithm)) {
            throw new IllegalArgumentException("only the shallow embedding models ConvNCF pre-trains from (mf, fism,"
                    + " svdpp) can be read from a store to pre-train from; got '" + name + "'");
        }
        ModelStore store = new ModelStore(root);
        ModelArtifact artifact;
        try {
            artifact = version == null ? store.openCurrent(name) : store.open(name, version);
        } catch (ModelStoreException e) {
            throw new IllegalArgumentException("cannot read " + name + " from the model store " + root + ": "
                    + e.getMessage(), e);
        }
        String origin = name + " version " + artifact.version() + " of the store " + root;
        Manifest manifest = artifact.manifest();
        Object trainedAs = manifest.training().get("algorithm");
        if (!name.equals(trainedAs)) {
            throw new IllegalArgumentException(origin + " holds a '" + trainedAs + "' model, not " + name);
        }
        List<String> differences = differences(manifest.split(), split.info().toMap());
        if (!differences.isEmpty()) {
            throw new IllegalArgumentException(origin + " was trained on another split (" + String.join("; ", differences)
                    + "); pre-training from it would leak that split's training data into this one's held-out items");
        }
        if (!artifact.users().equals(split.train().users()) || !artifact.items().equals(split.train().items())) {
            throw new IllegalArgumentException(origin + " numbers its users or items differently from this split's"
                    + " training data; it was not trained on this split");
        }
        ServingModel stored = ServingModel.read(artifact);
        if (stored.isConvNcf() || stored.scoring() == null) {
            throw new IllegalArgumentException(origin + " is not a dot-product embedding model");
        }
        if (!sameTrainingData(stored.historyOffsets(), stored.historyItems(), split.train())) {
            throw new IllegalArgumentException(origin + " was trained on other training interactions than this split's"
                    + " (same split description: the split code may have changed since); pre-training from it could leak"
                    + " held-out items");
        }
        TrainingHistory history = history(artifact, manifest);
        BprModel model = BprModel.ofStoredTables(name, manifest.hyperParameters(), stored.scoring().users(),
                stored.scoring().itemTable(), Histories.recent(split.train(), stored.historyLength()), history);
        Object seconds = manifest.training().get("seconds");
        return new StoredPretraining(name, model, seconds instanceof Number n ? n.doubleValue() : Double.NaN, origin);
    }

    /** Whether stored training histories (CSR: every training interaction, in order) are {@code train}'s. */
    static boolean sameTrainingData(int[] offsets, int[] items, Interactions train) {
        if (offsets.length != train.numUsers() + 1 || items.length != train.size()) {
            return false;
        }
        for (int u = 0; u < train.numUsers(); u++) {
            if (offsets[u + 1] != train.end(u)) {
                return false;
            }
        }
        for (int idx = 0; idx < items.length; idx++) {
            if (items[idx] != train.itemAt(idx)) {
                return false;
            }
        }
        return true;
    }

    /** Keys of {@code here} whose values differ, as {@code "key: X there, Y here"}; numbers compared by their text. */
    static List<String> differences(Map<String, ?> stored, Map<String, ?> here) {
        return differences(stored, here, here.keySet());
    }

    /** {@link #differences(Map, Map)} over {@code keys}; a key missing on one side reads {@code null} there. */
    static List<String> differences(Map<String, ?> there, Map<String, ?> here, Collection<String> keys) {
        List<String> out = new ArrayList<>();
        for (String key : keys) {
            Object theirs = there.get(key);
            Object ours = here.get(key);
            if (!String.valueOf(theirs).equals(String.valueOf(ours))) {
                out.add(key + ": " + theirs + " there, " + ours + " here");
            }
        }
        return out;
    }

    /** The per-epoch records published with the version (none for a version published without them). */
    private static TrainingHistory history(ModelArtifact artifact, Manifest manifest) {
        if (!manifest.files().containsKey("epochs.csv")) {
            return TrainingHistory.NONE;
        }
        try {
            TrainingHistory csv = LearningCurves.readCsv(artifact.file("epochs.csv"));
            return new TrainingHistory(csv.epochs(), csv.selectedEpoch(),
                    Boolean.TRUE.equals(manifest.training().get("stoppedEarly")),
                    Objects.toString(manifest.training().get("kernel"), ""));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + artifact.file("epochs.csv"), e);
        }
    }
}
