package org.convncf.trainer.data;

import java.util.Arrays;

/** Collects held-out pairs (and optional per-user negatives) by internal id while files are read. */
final class HeldOutBuilder {

    private int[] users = new int[256];
    private int[] items = new int[256];
    private int size;
    private int[][] negatives = new int[0][];
    private boolean hasNegatives;

    void add(int user, int item) {
        if (size == users.length) {
            users = Arrays.copyOf(users, size * 2);
            items = Arrays.copyOf(items, size * 2);
        }
        users[size] = user;
        items[size] = item;
        size++;
    }

    /** Records the given negatives of {@code user}; returns false if the user already had some. */
    boolean setNegatives(int user, int[] userNegatives) {
        hasNegatives = true;
        if (user >= negatives.length) {
            negatives = Arrays.copyOf(negatives, Math.max(user + 1, negatives.length * 2));
        }
        if (negatives[user] != null) {
            return false;
        }
        negatives[user] = userNegatives;
        return true;
    }

    boolean hasNegatives(int user) {
        return user < negatives.length && negatives[user] != null;
    }

    int size() {
        return size;
    }

    /** Builds the CSR form over {@code numUsers} users, items per user in the order they were read. */
    HeldOut build(int numUsers) {
        int[] offsets = new int[numUsers + 1];
        for (int k = 0; k < size; k++) {
            offsets[users[k] + 1]++;
        }
        for (int u = 0; u < numUsers; u++) {
            offsets[u + 1] += offsets[u];
        }
        int[] cursor = Arrays.copyOf(offsets, numUsers);
        int[] flat = new int[size];
        for (int k = 0; k < size; k++) {
            flat[cursor[users[k]]++] = items[k];
        }
        if (!hasNegatives) {
            return new HeldOut(offsets, flat, null, null);
        }
        int[] negOffsets = new int[numUsers + 1];
        for (int u = 0; u < numUsers; u++) {
            int n = u < negatives.length && negatives[u] != null ? negatives[u].length : 0;
            negOffsets[u + 1] = negOffsets[u] + n;
        }
        int[] negFlat = new int[negOffsets[numUsers]];
        for (int u = 0; u < numUsers && u < negatives.length; u++) {
            if (negatives[u] != null) {
                System.arraycopy(negatives[u], 0, negFlat, negOffsets[u], negatives[u].length);
            }
        }
        return new HeldOut(offsets, flat, negOffsets, negFlat);
    }
}
