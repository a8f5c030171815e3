/**
 * Ranking rules that the service serves with and the trainer's offline evaluation measures, kept in
 * one place so that the two cannot drift apart: {@link org.convncf.rank.TopK} (top-k with ties to the
 * lower id) and {@link org.convncf.rank.Candidates} (stage one of the two-stage pipeline).
 */
package org.convncf.rank;
