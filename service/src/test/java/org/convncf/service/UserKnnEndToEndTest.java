package org.convncf.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.convncf.rank.TopK;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The service serving UserKNN: a user's neighbours are found at request time from the items they have
 * now, so a new user's first click, and a training user's new click, change the next recommendation
 * with no retraining.
 */
class UserKnnEndToEndTest extends AbstractNeighbourhoodEndToEndTest {

    static final String MODEL = "userknn";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        serve(registry, MODEL);
    }

    @Override
    String modelName() {
        return MODEL;
    }

    @Override
    String strategy() {
        return "user-user";
    }

    @Test
    void aNewUsersClickRanksTheItemsOfTheUsersWhoHaveIt() {
        String user = "new-" + UUID.randomUUID();
        assertThat(recommend(user + "?k=10").path("strategy").asString()).isEqualTo("popular");

        // the least popular item some training user has: its few users are the new user's neighbours
        int numItems = model.items().size();
        int item = IntStream.range(0, numItems).filter(i -> model.popularity()[i] > 0)
                .boxed().min(Comparator.comparingInt(i -> model.popularity()[i])).orElseThrow();
        float[] scores = new float[numItems];
        model.neighbours().score(-1, new int[] {item}, 1, scores);
        boolean[] excluded = new boolean[numItems];
        excluded[item] = true;
        int k = 50;
        int[] top = TopK.select(scores, numItems, excluded, k);
        assertThat(scores[top[k - 1]]).as("the click reaches %d items", k).isPositive();

        String posted = model.items().externalId(item);
        click(user, posted);
        JsonNode after = recommend(user + "?k=" + k);
        assertThat(after.path("strategy").asString()).isEqualTo("user-user");
        assertThat(TestHttp.items(after)).containsExactlyElementsOf(Arrays.stream(top).mapToObj(model.items()::externalId).toList());
        List<Double> served = scores(after);
        for (int p = 0; p < k; p++) {
            assertThat(served.get(p)).isEqualTo(scores[top[p]]);
        }
    }

    @Test
    void aTrainingUsersNewClickFindsNewNeighbours() {
        int u = model.users().indexOf("u2");
        int[] training = Arrays.copyOfRange(model.historyItems(), model.historyOffsets()[u], model.historyOffsets()[u + 1]);
        int numItems = model.items().size();
        // the first item u2 does not have
        int clicked = IntStream.range(0, numItems).filter(i -> Arrays.stream(training).noneMatch(t -> t == i))
                .findFirst().orElseThrow();
        int[] now = Arrays.copyOf(training, training.length + 1);
        now[training.length] = clicked;
        float[] before = new float[numItems];
        float[] after = new float[numItems];
        model.neighbours().score(u, training, training.length, before);
        model.neighbours().score(u, now, now.length, after);
        assertThat(after).as("the click changes u2's neighbourhood scores").isNotEqualTo(before);
        boolean[] excluded = new boolean[numItems];
        for (int i : now) {
            excluded[i] = true;
        }
        int[] expected = TopK.select(after, numItems, excluded, 20);
        assertThat(after[expected[19]]).isPositive();

        click("u2", model.items().externalId(clicked));
        JsonNode r = recommend("u2?k=20");
        assertThat(r.path("strategy").asString()).isEqualTo("user-user");
        assertThat(TestHttp.items(r)).containsExactlyElementsOf(Arrays.stream(expected).mapToObj(model.items()::externalId).toList());
        List<Double> served = scores(r);
        for (int p = 0; p < 20; p++) {
            assertThat(served.get(p)).isEqualTo(after[expected[p]]);
        }
    }
}
