package org.convncf.trainer.model;

import java.util.Locale;

/**
 * Where and how neural models compute.
 *
 * @param device  {@code auto} (a GPU if the engine sees one, else the CPU), {@code cpu} or {@code gpu}
 * @param threads intra-op threads of the engine (0 = the engine's default: one per core)
 */
public record ComputeSettings(String device, int threads) {

    public ComputeSettings {
        device = device.toLowerCase(Locale.ROOT);
        if (!device.equals("auto") && !device.equals("cpu") && !device.equals("gpu")) {
            throw new IllegalArgumentException("device must be auto, cpu or gpu, got '" + device + "'");
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0, got " + threads);
        }
    }

    public static ComputeSettings defaults() {
        return new ComputeSettings("auto", 0);
    }
}
