package org.convncf.store;

import java.util.List;

/**
 * What {@link ModelStore#prune(String, int)} deleted.
 *
 * @param versions the deleted versions, oldest first
 * @param leftovers the names of abandoned staging directories and temporary files that were deleted
 */
public record PruneResult(List<String> versions, List<String> leftovers) {

    public PruneResult {
        versions = List.copyOf(versions);
        leftovers = List.copyOf(leftovers);
    }
}
