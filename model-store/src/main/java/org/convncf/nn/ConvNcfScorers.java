package org.convncf.nn;

import ai.djl.Device;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses a {@link ConvNcfScorer}: the fused Vector API kernel where the JVM runs it fast, the DJL
 * reference block otherwise. Both compute the same function (a test holds them within 1e-4).
 */
public final class ConvNcfScorers {

    private static final Logger log = LoggerFactory.getLogger(ConvNcfScorers.class);

    /** Which implementation to use. */
    public enum Mode {
        /** {@link #VECTOR} when available and the JVM compiles it well (Java 21+), else {@link #DJL}. */
        AUTO,
        /** The DJL engine (reference). */
        DJL,
        /** The fused Java Vector API kernel; fails if {@code jdk.incubator.vector} is not enabled. */
        VECTOR;

        public static Mode parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("scorer must be auto, djl or vector, got '" + s + "'");
            }
        }
    }

    private ConvNcfScorers() {
    }

    /** Whether this JVM runs with {@code --add-modules jdk.incubator.vector}: the Vector API classes load only then. */
    public static boolean vectorModuleEnabled() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /** Whether the Vector API kernel can run here: the module is enabled and the weights fit its lanes. */
    public static boolean vectorAvailable(ConvNcfWeights weights) {
        if (!vectorModuleEnabled()) {
            return false;
        }
        return VectorConvNcfScorer.supports(weights);
    }

    /**
     * @param threads threads one {@code score} call may use (1 = the caller's thread only)
     */
    public static ConvNcfScorer create(ConvNcfWeights weights, Mode mode, Device device, int threads) {
        boolean vector = switch (mode) {
            case DJL -> false;
            case VECTOR -> {
                if (!vectorAvailable(weights)) {
                    throw new IllegalArgumentException("the vector scorer needs the JVM flag --add-modules"
                            + " jdk.incubator.vector and channels that are a multiple of the vector width");
                }
                yield true;
            }
            case AUTO -> vectorAvailable(weights) && Runtime.version().feature() >= 21 && Device.Type.CPU.equals(device.getDeviceType());
        };
        ConvNcfScorer scorer = vector ? new VectorConvNcfScorer(weights, threads) : new DjlConvNcfScorer(weights, device);
        log.debug("ConvNCF scorer: {} (mode {}, Java {})", scorer.name(), mode, Runtime.version().feature());
        return scorer;
    }
}
