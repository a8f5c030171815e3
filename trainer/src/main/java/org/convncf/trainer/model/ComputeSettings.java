package org.convncf.trainer.model;

import java.util.Locale;

/**
 * Where and how neural models compute.
 *
 * @param device     {@code auto} (a GPU if the engine sees one, else the CPU), {@code cpu} or {@code gpu}
 * @param threads    intra-op threads of the engine (0 = the engine's default: one per core)
 * @param microBatch triplets per forward/backward pass within a training step (the step's gradient
 *                   is the same sum), or {@link #AUTO}: on a CPU, the model's own choice (small passes
 *                   for models that build a K×K interaction map per pair, whose temporaries then stay
 *                   cache-sized; the whole batch for the others, which small passes only slow down);
 *                   on a GPU, the whole batch
 * @param kernel     how ConvNCF's network trains: {@code engine} (the DJL block and libtorch's autograd,
 *                   the reference), {@code vector} (a forward and backward pass fused in Java with the
 *                   Vector API; CPU only, needs {@code --add-modules jdk.incubator.vector}) or
 *                   {@code auto} (vector on a CPU under Java 21+ where the module is enabled, else engine)
 */
public record ComputeSettings(String device, int threads, int microBatch, String kernel) {

    /** The micro-batch setting that lets the model and the device choose. */
    public static final int AUTO = 0;

    public ComputeSettings(String device, int threads) {
        this(device, threads, AUTO);
    }

    public ComputeSettings(String device, int threads, int microBatch) {
        this(device, threads, microBatch, "auto");
    }

    public ComputeSettings {
        device = device.toLowerCase(Locale.ROOT);
        if (!device.equals("auto") && !device.equals("cpu") && !device.equals("gpu")) {
            throw new IllegalArgumentException("device must be auto, cpu or gpu, got '" + device + "'");
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0, got " + threads);
        }
        if (microBatch < 0) {
            throw new IllegalArgumentException("micro-batch must be >= 1, or 0 for auto, got " + microBatch);
        }
        kernel = kernel.toLowerCase(Locale.ROOT);
        if (!kernel.equals("auto") && !kernel.equals("engine") && !kernel.equals("vector")) {
            throw new IllegalArgumentException("kernel must be auto, engine or vector, got '" + kernel + "'");
        }
    }

    public static ComputeSettings defaults() {
        return new ComputeSettings("auto", 0);
    }
}
