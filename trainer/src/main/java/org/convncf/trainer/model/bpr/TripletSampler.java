package org.convncf.trainer.model.bpr;

import java.util.SplittableRandom;
import org.convncf.trainer.data.Interactions;

/**
 * Draws BPR triplets: every epoch visits each training interaction (u, i) once in a fresh random
 * order, and pairs it with negatives j drawn uniformly from all items and redrawn while j is a
 * training positive of u. Only the training view is consulted: held-out items can be drawn as
 * negatives, exactly as they would be for any other unobserved item.
 */
final class TripletSampler {

    private final Interactions train;
    private final SplittableRandom rnd;
    private final int[] order;
    private final int[] userOf;

    TripletSampler(Interactions train, long seed) {
        this.train = train;
        this.rnd = new SplittableRandom(seed);
        this.order = new int[train.size()];
        this.userOf = new int[train.size()];
        for (int u = 0; u < train.numUsers(); u++) {
            for (int idx = train.start(u); idx < train.end(u); idx++) {
                userOf[idx] = u;
            }
        }
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
    }

    /** Starts an epoch: reshuffles the order of the training interactions. */
    void shuffle() {
        for (int i = order.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    int size() {
        return order.length;
    }

    /** The user of the {@code k}-th interaction of this epoch's order. */
    int user(int k) {
        return userOf[order[k]];
    }

    /** The item of the {@code k}-th interaction of this epoch's order. */
    int item(int k) {
        return train.itemAt(order[k]);
    }

    /**
     * A uniform item that {@code user} has not interacted with in training.
     *
     * @throws IllegalStateException if the user has interacted with every item
     */
    int negative(int user) {
        int numItems = train.numItems();
        if (train.degree(user) >= numItems) {
            throw new IllegalStateException("user " + train.users().externalId(user) + " has interacted with every item;"
                    + " no negative exists");
        }
        while (true) {
            int j = rnd.nextInt(numItems);
            if (!train.contains(user, j)) {
                return j;
            }
        }
    }
}
