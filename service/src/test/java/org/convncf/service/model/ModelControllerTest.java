package org.convncf.service.model;

import static org.convncf.service.ProblemJson.problem;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Optional;
import org.convncf.nn.ServingModel;
import org.convncf.service.TestModels;
import org.convncf.service.system.WebSliceSupport;
import org.convncf.store.ModelStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** {@code GET /model} and {@code POST /admin/model/reload}, with holder and loader mocked. */
@WebMvcTest(ModelController.class)
@Import(WebSliceSupport.class)
@TestPropertySource(properties = "convncf.security.api-key=" + ModelControllerTest.KEY)
class ModelControllerTest {

    static final String KEY = "slice-test-key-0123456789";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ModelHolder holder;

    @MockitoBean
    ModelLoader loader;

    @Test
    void noModelYetIs503WithRetryAfter() throws Exception {
        when(holder.peek()).thenReturn(Optional.empty());
        mvc.perform(get("/model"))
                .andExpect(problem(503))
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(jsonPath("$.detail").value("no model is loaded yet"));
    }

    @Test
    void describesTheServedModel() throws Exception {
        ServingModel model = ServingModel.read(new ModelStore(TestModels.store()).openCurrent("convncf-svdpp"));
        when(holder.peek()).thenReturn(Optional.of(new LoadedModel(model, null)));
        mvc.perform(get("/model"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("convncf-svdpp"))
                .andExpect(jsonPath("$.version").value(model.version()))
                .andExpect(jsonPath("$.type").value("convncf"))
                .andExpect(jsonPath("$.userEmbedding").value("svdpp"))
                .andExpect(jsonPath("$.users").value(model.users().size()))
                .andExpect(jsonPath("$.items").value(model.items().size()))
                .andExpect(jsonPath("$.loadedAt").isString())
                .andExpect(jsonPath("$.scorer").value("dot"))
                .andExpect(jsonPath("$.metrics.validation").isMap())
                .andExpect(jsonPath("$.metrics.test['NDCG@10']").isNumber())
                .andExpect(jsonPath("$.split.seed").value(42));
    }

    @Test
    void reloadNeedsTheApiKey() throws Exception {
        mvc.perform(post("/admin/model/reload"))
                .andExpect(problem(401))
                .andExpect(header().string("WWW-Authenticate", "ApiKey header=\"X-API-Key\""));
        mvc.perform(post("/admin/model/reload").header("X-API-Key", "wrong-key-0123456789abc"))
                .andExpect(problem(403));
        verifyNoInteractions(loader);
    }

    @Test
    void reloadChecksTheStoreNow() throws Exception {
        when(loader.refresh()).thenReturn(new ModelLoader.Result("loaded", "20261126T115749.702Z-4d990f",
                "loaded in 12 ms"));
        mvc.perform(post("/admin/model/reload").header("X-API-Key", KEY))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("loaded"))
                .andExpect(jsonPath("$.version").value("20261126T115749.702Z-4d990f"))
                .andExpect(jsonPath("$.message").value("loaded in 12 ms"));
        verify(loader).refresh();
    }

    @Test
    void adminPathsNeedTheKeyEvenWhenUnknown() throws Exception {
        mvc.perform(get("/admin/anything")).andExpect(problem(401));
        mvc.perform(get("/admin/anything").header("X-API-Key", KEY)).andExpect(problem(404));
    }
}
