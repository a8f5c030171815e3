package org.convncf.trainer.model.bpr;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.convncf.trainer.model.ComputeSettings;

/** Resolves {@link ComputeSettings#device()} to an engine device. */
public final class Devices {

    private Devices() {
    }

    public static Device resolve(ComputeSettings settings) {
        int gpus = Engine.getInstance().getGpuCount();
        return switch (settings.device()) {
            case "cpu" -> Device.cpu();
            case "gpu" -> {
                if (gpus == 0) {
                    throw new IllegalArgumentException("device gpu was requested, but the "
                            + Engine.getInstance().getEngineName() + " engine sees no GPU");
                }
                yield Device.gpu();
            }
            default -> gpus > 0 ? Device.gpu() : Device.cpu();
        };
    }

    /** "cpu" or "gpu(0)" plus the engine's intra-op thread count, for logs and manifests. */
    public static String describe(Device device) {
        return device.toString();
    }
}
