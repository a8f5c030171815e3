package org.convncf.trainer.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.concurrent.Callable;
import org.convncf.nn.ConvNcfScorers;
import org.convncf.nn.ConvNcfWeights;
import org.convncf.trainer.model.ComputeSettings;
import org.convncf.trainer.model.bpr.BprTrainer;
import picocli.CommandLine.Command;

/**
 * Loads the deep-learning engine and reports what this machine offers: engine and DJL versions, the
 * native library cache, GPUs, threads, and which ConvNCF scorer {@code auto} picks. Container
 * builds run it to extract the PyTorch natives into the image.
 */
@Command(name = "engine", mixinStandardHelpOptions = true,
        description = "Load the PyTorch engine (extracting its natives if needed) and print what it found.")
final class EngineCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        long start = System.nanoTime();
        Engine engine = Engine.getInstance();
        double seconds = (System.nanoTime() - start) / 1e9;
        ConvNcfWeights probe = ConvNcfWeights.random(64, 32, 0);
        boolean vector = ConvNcfScorers.vectorAvailable(probe);
        System.out.printf("engine:        %s %s (DJL %s), loaded in %.2f s%n", engine.getEngineName(), engine.getVersion(),
                Engine.getDjlVersion(), seconds);
        System.out.printf("native cache:  %s%n", System.getProperty("ENGINE_CACHE_DIR",
                System.getenv().getOrDefault("DJL_CACHE_DIR", System.getProperty("user.home") + "/.djl.ai")));
        System.out.printf("GPUs:          %d%n", engine.getGpuCount());
        System.out.printf("cores:         %d%n", Runtime.getRuntime().availableProcessors());
        System.out.printf("Java:          %s%n", Runtime.version());
        System.out.printf("ConvNCF scorer (auto): %s%n", vector && Runtime.version().feature() >= 21 ? "vector"
                : "djl" + (vector ? " (the Vector API kernel needs Java 21+ to be fast)"
                        : " (start the JVM with --add-modules jdk.incubator.vector for the Vector API kernel)"));
        boolean fused = BprTrainer.fusedKernel(new ComputeSettings("cpu", 0), Device.cpu(), probe.channels());
        System.out.printf("ConvNCF training kernel (auto, on the CPU): %s%n", fused ? "vector (fused in Java)"
                : "engine" + (vector ? " (the fused kernel needs Java 21+ to be fast; --kernel vector forces it)"
                        : " (start the JVM with --add-modules jdk.incubator.vector for the fused kernel)"));
        return 0;
    }
}
