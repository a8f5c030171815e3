package org.convncf.trainer.eval;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The identity of a split: enough to tell whether two results were measured on the same data, the
 * same held-out items and the same candidates. Written into every model artifact's manifest.
 *
 * @param protocol            {@link Protocol#label()}
 * @param method              how held-out items were chosen, e.g. {@code leave-one-out, latest by timestamp}
 * @param dataset             dataset name
 * @param fingerprint         SHA-256 of the full dataset the split was taken from
 * @param seed                seed of every random choice of the split
 * @param users               users in the dataset
 * @param items               items in the dataset
 * @param trainInteractions   interactions left in the training view
 * @param validationUsers     users with a validation item
 * @param testUsers           users with a test item
 * @param testPositives       held-out test pairs
 * @param negatives           negatives per held-out positive (sampled protocol; 0 for full ranking)
 * @param negativeSource      {@code sampled}, or {@link GivenNegatives#source()} of the policy applied
 *                            to the dataset's given negatives
 * @param givenNegativeCollisions given negatives that are in fact positives of their user (kept or
 *                            dropped as {@code negativeSource} says)
 */
public record SplitInfo(String protocol, String method, String dataset, String fingerprint, long seed, int users,
        int items, int trainInteractions, int validationUsers, int testUsers, int testPositives, int negatives,
        String negativeSource, int givenNegativeCollisions) {

    /** The manifest form: a JSON-compatible map. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("protocol", protocol);
        m.put("method", method);
        m.put("dataset", dataset);
        m.put("fingerprint", fingerprint);
        m.put("seed", seed);
        m.put("users", users);
        m.put("items", items);
        m.put("trainInteractions", trainInteractions);
        m.put("validationUsers", validationUsers);
        m.put("testUsers", testUsers);
        m.put("testPositives", testPositives);
        m.put("negatives", negatives);
        m.put("negativeSource", negativeSource);
        m.put("givenNegativeCollisions", givenNegativeCollisions);
        return m;
    }

    public String describe() {
        return dataset + " [" + protocol + ", " + method + ", seed " + seed + "]: " + users + " users, " + items
                + " items, " + trainInteractions + " train interactions, " + validationUsers + " validation users, "
                + testUsers + " test users"
                + (negatives > 0 ? ", " + negatives + " " + (negativeSource.startsWith("given") ? "given" : negativeSource)
                        + " negatives each" : "")
                + (givenNegativeCollisions > 0 ? " (" + givenNegativeCollisions + " given negatives are positives; "
                        + (GivenNegatives.DROP_POSITIVES.source().equals(negativeSource) ? "dropped" : "kept as given") + ")" : "");
    }
}
