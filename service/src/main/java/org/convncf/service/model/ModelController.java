package org.convncf.service.model;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.time.Instant;
import java.util.Map;
import org.convncf.service.system.ApiException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The model being served: {@code GET /model}, and {@code POST /admin/model/reload}. */
@RestController
class ModelController {

    private final ModelHolder holder;
    private final ModelLoader loader;

    ModelController(ModelHolder holder, ModelLoader loader) {
        this.holder = holder;
        this.loader = loader;
    }

    /**
     * What is being served.
     *
     * @param type          {@code convncf}, {@code shallow} (dot product), {@code itemitem} or {@code useruser}
     * @param userEmbedding f(u) of an embedding model ({@code mf}, {@code fism}, {@code svdpp}); for a
     *                      neighbourhood model its algorithm ({@code itemknn}, {@code rp3b}, {@code ease},
     *                      {@code userknn})
     */
    record ModelInfo(String name, String version, String type, String userEmbedding, int users, int items,
            Instant loadedAt, String scorer, Map<String, Map<String, Double>> metrics, Map<String, Object> split) {
    }

    @Operation(summary = "The model being served: version, sizes, and the metrics recorded when it was trained")
    @GetMapping(path = "/model", produces = MediaType.APPLICATION_JSON_VALUE)
    ModelInfo model() {
        LoadedModel m = holder.peek().orElseThrow(() -> ApiException.unavailable("no model is loaded yet", 5));
        String type = m.model().interaction().equals("dot") ? "shallow" : m.model().interaction();
        return new ModelInfo(m.name(), m.version(), type, m.model().variant(), m.model().users().size(),
                m.model().items().size(), Instant.ofEpochMilli(m.loadedAtMillis()), m.scorerName(),
                m.model().manifest().metrics(), m.model().manifest().split());
    }

    @Operation(summary = "Check the model store now and load a new current version if there is one",
            security = @SecurityRequirement(name = "apiKey"))
    @PostMapping(path = "/admin/model/reload", produces = MediaType.APPLICATION_JSON_VALUE)
    ModelLoader.Result reload() {
        return loader.refresh();
    }
}
