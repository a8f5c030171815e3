package org.convncf.trainer.model.bpr;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BprTrainerTest {

    @Test
    void theL2GradientSurvivesAGarbageCollectionBetweenForwardAndBackward() throws InterruptedException {
        // The trainer's penalties are built in the forward pass and differentiated later; a collection
        // in between once freed the scalar λ under autograd, and the backward pass read whatever
        // reused its memory (here: direct buffers holding 1000). d(λ·Σx²)/dx = 2λx exactly.
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            for (int rep = 0; rep < 5; rep++) {
                float[] gradient;
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    NDArray x = manager.create(new float[] {1f, -2f, 3f}, new Shape(3));
                    x.setRequiresGradient(true);
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        NDArray loss = BprTrainer.l2(x, 0.25);
                        List<ByteBuffer> reuse = collectAndReuseFreedMemory();
                        collector.backward(loss);
                        Reference.reachabilityFence(reuse); // the reused memory stays taken until after backward
                    }
                    gradient = x.getGradient().toFloatArray();
                }
                assertThat(gradient).as("repetition %d", rep).containsExactly(0.5f, -1f, 1.5f);
            }
        }
    }

    /** Forces a collection, lets the cleaner free unreachable direct buffers, then reallocates small ones. */
    private static List<ByteBuffer> collectAndReuseFreedMemory() throws InterruptedException {
        System.gc();
        Thread.sleep(20);
        List<ByteBuffer> buffers = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
            b.putFloat(0, 1000f);
            buffers.add(b);
        }
        return buffers;
    }
}
