package org.convncf.trainer.data;

import java.util.Optional;

/**
 * What a reader produces: a name, the training interactions (every observed pair that is not in a
 * given held-out split) and, where the files define them, the given validation and test splits.
 * Ids are shared: user {@code u} and item {@code i} mean the same thing in all three.
 *
 * @param duplicates repeated (user, item) events that were merged while reading
 */
public record LoadedDataset(
        String name, Interactions train, HeldOut givenValidation, HeldOut givenTest, long duplicates) {

    public Optional<HeldOut> validation() {
        return Optional.ofNullable(givenValidation);
    }

    public Optional<HeldOut> test() {
        return Optional.ofNullable(givenTest);
    }

    public int numUsers() {
        return train.numUsers();
    }

    public int numItems() {
        return train.numItems();
    }

    /** A short human-readable summary for logs. */
    public String describe() {
        StringBuilder sb = new StringBuilder(name).append(": ")
                .append(numUsers()).append(" users, ")
                .append(numItems()).append(" items, ")
                .append(train.size()).append(" training interactions");
        if (givenValidation != null) {
            sb.append(", ").append(givenValidation.size()).append(" given validation");
        }
        if (givenTest != null) {
            sb.append(", ").append(givenTest.size()).append(" given test");
            if (givenTest.hasNegatives()) {
                sb.append(" (with given negatives)");
            }
        }
        if (train.hasTimestamps()) {
            sb.append(", timestamped");
        }
        if (duplicates > 0) {
            sb.append(", ").append(duplicates).append(" repeated events merged");
        }
        return sb.toString();
    }
}
