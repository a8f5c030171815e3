package org.convncf.trainer.model;

import java.util.Locale;

/**
 * Where and how neural models compute.
 *
 * @param device     {@code auto} (a GPU if the engine sees one, else the CPU), {@code cpu} or {@code gpu}
 * @param threads    intra-op threads of the engine (0 = the engine's default: one per core)
 * @param microBatch triplets per forward/backward pass within a training step: the step's gradient
 *                   is the same sum, but smaller temporaries are faster and lighter on CPUs (32 was
 *                   fastest here, see docs/PERFORMANCE.md); on a GPU, the batch size is the better choice
 */
public record ComputeSettings(String device, int threads, int microBatch) {

    /** Triplets per forward/backward pass unless configured. */
    public static final int DEFAULT_MICRO_BATCH = 32;

    public ComputeSettings(String device, int threads) {
        this(device, threads, DEFAULT_MICRO_BATCH);
    }

    public ComputeSettings {
        device = device.toLowerCase(Locale.ROOT);
        if (!device.equals("auto") && !device.equals("cpu") && !device.equals("gpu")) {
            throw new IllegalArgumentException("device must be auto, cpu or gpu, got '" + device + "'");
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0, got " + threads);
        }
        if (microBatch < 1) {
            throw new IllegalArgumentException("micro-batch must be >= 1, got " + microBatch);
        }
    }

    public static ComputeSettings defaults() {
        return new ComputeSettings("auto", 0);
    }
}
