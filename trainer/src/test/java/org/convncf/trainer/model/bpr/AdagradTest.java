package org.convncf.trainer.model.bpr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class AdagradTest {

    @Test
    void updatesInPlaceWithTheAdagradRule() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
                Adagrad adagrad = Adagrad.create(0.1f, 0.1f)) {
            NDArray w = manager.create(new float[] {1f, -2f});
            NDArray g = manager.create(new float[] {0.5f, 1f});
            adagrad.update("w", w, g);
            float[] after = w.toFloatArray();
            // h = 0.1 + g²; w -= lr · g / (√h + ε)
            assertThat(after[0]).isCloseTo((float) (1 - 0.1 * 0.5 / (Math.sqrt(0.35) + Adagrad.EPSILON)), within(1e-6f));
            assertThat(after[1]).isCloseTo((float) (-2 - 0.1 * 1 / (Math.sqrt(1.1) + Adagrad.EPSILON)), within(1e-6f));
        }
    }

    /** Regression: the update's temporaries used to stay attached to the weight's long-lived manager. */
    @Test
    void leavesNoEngineArraysBehind() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
                Adagrad adagrad = Adagrad.create(0.05f, 0.1f)) {
            NDArray w = manager.randomNormal(new ai.djl.ndarray.types.Shape(64, 32));
            NDArray g = manager.randomNormal(new ai.djl.ndarray.types.Shape(64, 32));
            adagrad.update("w", w, g); // creates the accumulator
            int arrays = manager.getManagedArrays().size();
            for (int step = 0; step < 100; step++) {
                adagrad.update("w", w, g);
            }
            assertThat(manager.getManagedArrays()).hasSize(arrays);
        }
    }
}
