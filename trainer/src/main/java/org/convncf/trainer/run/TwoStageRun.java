package org.convncf.trainer.run;

import org.convncf.trainer.eval.EvalResult;

/**
 * One two-stage test of a ConvNCF run.
 *
 * @param algorithm       the re-ranking model
 * @param retrieval       the candidate model
 * @param candidates      C
 * @param popularityShare fraction of the C candidates taken from the most popular items
 * @param candidateRecall mean share of a user's test items among its C candidates (the re-ranker's
 *                        ceiling)
 * @param test            full-ranking test metrics of the re-ranked list
 */
public record TwoStageRun(String algorithm, String retrieval, int candidates, double popularityShare, double candidateRecall,
        EvalResult test) {
}
