package org.convncf.service.recommend;

import java.util.List;

/**
 * The answer of {@code GET /recommend/{user}}.
 *
 * @param user       the user, as asked
 * @param items      the recommended items, best first, in external ids
 * @param model      the model version that produced them
 * @param strategy   {@code convncf} (CNN re-ranking of a training user), {@code shallow} (a dot-product
 *                   model), {@code fold-in} (a user unseen in training, embedded from their events),
 *                   {@code item-item} (an item-item model, from the user's items and events),
 *                   {@code user-user} (UserKNN: the items of the training users most like the user's
 *                   items and events) or {@code popular} (no events at all)
 * @param degraded   true when the event store could not be read and a cached or empty history was used
 * @param candidates how many items were scored (the candidates the CNN re-ranked, or every item)
 * @param timing     where the time went
 */
public record Recommendation(String user, List<ScoredItem> items, ModelRef model, String strategy, boolean degraded,
        int candidates, Timing timing) {

    /** One recommended item. */
    public record ScoredItem(String item, double score) {
    }

    /** A model version. */
    public record ModelRef(String name, String version) {
    }

    /** Milliseconds spent reading the history, generating candidates, re-ranking, and in total. */
    public record Timing(double historyMs, double candidatesMs, double scoringMs, double totalMs) {
    }
}
