package org.convncf.service.model;

import ai.djl.Device;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.convncf.nn.ConvNcfScorer;
import org.convncf.nn.ConvNcfScorers;
import org.convncf.nn.ServingModel;
import org.convncf.store.Manifest;
import org.convncf.store.ModelArtifact;
import org.convncf.store.ModelStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Follows the model store: loads the {@code current} version of the configured model off the
 * request path, verifies it completely, and installs it in the {@link ModelHolder}. A version that
 * fails to load is refused and logged once; the model already serving keeps serving.
 *
 * <p>A version whose files exceed half the maximum heap is refused before it is read: its tensors
 * land on the heap as arrays of the same size, and the version being served stays there until the
 * swap. Without this a model too large for its container (EASE^R's dense weights grow with the square
 * of the catalogue) would end the JVM with an OutOfMemoryError at every start.
 */
@Service
public class ModelLoader {

    private static final Logger log = LoggerFactory.getLogger(ModelLoader.class);

    private final ModelProperties properties;
    private final ModelStore store;
    private final ModelHolder holder;
    private final Counter loadFailures;
    private final Counter loads;
    private final MultiGauge modelInfo;
    private final long memoryBudget;
    private volatile String failedVersion;
    private volatile String lastError;

    @Autowired
    public ModelLoader(ModelProperties properties, ModelHolder holder, MeterRegistry meters) {
        this(properties, holder, meters, Runtime.getRuntime().maxMemory() / 2);
    }

    /** With {@code memoryBudget} bytes for one version's files instead of half the maximum heap. */
    ModelLoader(ModelProperties properties, ModelHolder holder, MeterRegistry meters, long memoryBudget) {
        this.properties = properties;
        this.memoryBudget = memoryBudget;
        this.store = new ModelStore(properties.store());
        this.holder = holder;
        this.loadFailures = Counter.builder("convncf.model.load.failures")
                .description("Model versions that were refused (corrupt, incompatible or unreadable)").register(meters);
        this.loads = Counter.builder("convncf.model.loads").description("Model versions loaded").register(meters);
        this.modelInfo = MultiGauge.builder("convncf.model.info")
                .description("The model being served (value: seconds since it was loaded)").register(meters);
        Gauge.builder("convncf.model.loaded", holder, h -> h.peek().isPresent() ? 1 : 0)
                .description("1 when a model is loaded").register(meters);
    }

    /** The outcome of one check of the store. */
    public record Result(String status, String version, String message) {
    }

    /**
     * Loads the current version if it differs from the one being served. Synchronized: the
     * scheduled poll and a manual reload never load twice at once.
     */
    public synchronized Result refresh() {
        Optional<String> current;
        try {
            current = store.currentVersion(properties.name());
        } catch (RuntimeException e) {
            return failed(null, "cannot read the current version of " + properties.name() + " in " + store.root() + ": "
                    + e.getMessage());
        }
        if (current.isEmpty()) {
            return new Result("none", null, "the store at " + store.root() + " has no current version of "
                    + properties.name());
        }
        String version = current.get();
        Optional<LoadedModel> serving = holder.peek();
        if (serving.isPresent() && serving.get().version().equals(version)) {
            lastError = null;
            return new Result("unchanged", version, "already serving " + version);
        }
        if (version.equals(failedVersion)) {
            return new Result("refused", version, lastError);
        }
        long start = System.nanoTime();
        LoadedModel loaded;
        try {
            // The manifest alone first: opening a version reads its tensors onto the heap.
            long bytes = store.manifest(properties.name(), version).files().values().stream()
                    .mapToLong(Manifest.FileEntry::bytes).sum();
            if (bytes > memoryBudget) {
                return failed(version, String.format(Locale.ROOT, "refused version %s of %s: its files take %.1f MiB,"
                        + " more than the %.1f MiB one version may take (half the maximum heap); give the service more"
                        + " memory (the heap is a share of the container's) or serve a smaller model",
                        version, properties.name(), mb(bytes), mb(memoryBudget)));
            }
            ModelArtifact artifact = store.open(properties.name(), version);
            ServingModel model = ServingModel.read(artifact);
            ConvNcfScorer scorer = model.isConvNcf()
                    ? ConvNcfScorers.create(model.network(), properties.scorerMode(), Device.cpu(), properties.scorerThreads())
                    : null;
            loaded = new LoadedModel(model, scorer);
        } catch (RuntimeException | LinkageError e) {
            // Corrupt, incompatible, or unloadable (e.g. the engine failed): refuse it, keep serving.
            return failed(version, "refused version " + version + " of " + properties.name() + ": " + e);
        }
        holder.swap(loaded);
        failedVersion = null;
        lastError = null;
        loads.increment();
        modelInfo.register(List.of(MultiGauge.Row.of(Tags.of("name", loaded.name(), "version", loaded.version(),
                "scorer", loaded.scorerName()),
                () -> (System.currentTimeMillis() - loaded.loadedAtMillis()) / 1000.0)), true);
        long millis = (System.nanoTime() - start) / 1_000_000;
        log.info("Serving model {} version {} ({} users, {} items, {}, scorer {}) loaded in {} ms",
                loaded.name(), version, loaded.model().users().size(), loaded.model().items().size(),
                loaded.model().isConvNcf() ? "ConvNCF-" + loaded.model().variant()
                        : loaded.model().isNeighbourhood() ? loaded.scorerName() + " (" + loaded.model().variant() + ")"
                        : "dot product (" + loaded.model().variant() + ")",
                loaded.scorerName(), millis);
        return new Result("loaded", version, "loaded in " + millis + " ms");
    }

    private static double mb(long bytes) {
        return bytes / (double) (1 << 20);
    }

    private Result failed(String version, String message) {
        boolean repeated = message.equals(lastError);
        if (version != null) {
            failedVersion = version;
        }
        lastError = message;
        if (!repeated) {
            // Count and log each distinct failure once, not on every poll.
            loadFailures.increment();
            log.error("{}; {}", message, holder.peek().map(m -> "still serving version " + m.version())
                    .orElse("no model is being served"));
        }
        return new Result("refused", version, message);
    }

    /** The last load error, if the newest version (or the store itself) could not be read. */
    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    public ModelProperties properties() {
        return properties;
    }
}
