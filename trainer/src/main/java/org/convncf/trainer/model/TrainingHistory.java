package org.convncf.trainer.model;

import java.util.List;

/**
 * Per-epoch record of an iterative training run and the epoch that validation selected.
 *
 * @param epochs          one row per epoch, in order
 * @param selectedEpoch   the epoch whose parameters the model holds (1-based; 0 = not iterative)
 * @param stoppedEarly    whether patience ran out before the epoch budget
 * @param kernel          what computed ConvNCF's network steps: {@code vector} (the fused Java kernel)
 *                        or {@code engine} (DJL); empty for models without that network or when not known
 */
public record TrainingHistory(List<Epoch> epochs, int selectedEpoch, boolean stoppedEarly, String kernel) {

    public static final TrainingHistory NONE = new TrainingHistory(List.of(), 0, false);

    public TrainingHistory {
        epochs = List.copyOf(epochs);
        kernel = kernel == null ? "" : kernel;
    }

    /** A history without a kernel: a model without ConvNCF's network, or one read back without the fact. */
    public TrainingHistory(List<Epoch> epochs, int selectedEpoch, boolean stoppedEarly) {
        this(epochs, selectedEpoch, stoppedEarly, "");
    }

    /**
     * @param epoch            1-based epoch number
     * @param loss             mean training loss per triplet (BPR + regularisation)
     * @param seconds          wall time of the epoch's training (validation excluded)
     * @param validationHr10   HR@10 (or Recall@10 under full ranking) on validation; NaN if not evaluated
     * @param validationNdcg10 NDCG@10 on validation; NaN if not evaluated
     */
    public record Epoch(int epoch, double loss, double seconds, double validationHr10, double validationNdcg10) {
        public boolean evaluated() {
            return !Double.isNaN(validationNdcg10);
        }
    }
}
