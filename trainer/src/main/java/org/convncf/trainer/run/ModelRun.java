package org.convncf.trainer.run;

import org.convncf.trainer.eval.EvalResult;
import org.convncf.trainer.model.Model;

/**
 * The outcome of training and evaluating one algorithm on one split.
 *
 * @param algorithm      registry name
 * @param model          the selected model (open; the caller closes it)
 * @param validation     validation metrics of the selected model, on the validation users selection
 *                       saw (all, or the experiment's fixed subset)
 * @param test           test metrics of the selected model: evaluated once
 * @param paperStyleTest mean test metrics over the last ten evaluated epochs, as the ConvNCF paper
 *                       reports them (null for non-iterative models); for comparison only
 * @param trainSeconds   wall time of {@link org.convncf.trainer.model.Algorithm#fit}, including
 *                       per-epoch validation
 */
public record ModelRun(String algorithm, Model model, EvalResult validation, EvalResult test, EvalResult paperStyleTest,
        double trainSeconds) {
}
