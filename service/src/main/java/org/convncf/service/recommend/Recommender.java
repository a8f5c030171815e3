package org.convncf.service.recommend;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.convncf.nn.ConvNcfScorer;
import org.convncf.nn.Embeddings;
import org.convncf.nn.ServingModel;
import org.convncf.rank.Candidates;
import org.convncf.rank.HistoryScorer;
import org.convncf.rank.TopK;
import org.convncf.service.events.UserHistories;
import org.convncf.service.model.LoadedModel;
import org.convncf.service.model.ModelHolder;
import org.convncf.service.system.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Service;

/**
 * Builds one recommendation: the user's history (recent events plus, for a training user, the
 * training history), the user embedding computed from it on the spot, C candidates from the cheap
 * retrieval model, and ConvNCF re-ranking of those C. A dot-product model ranks every item by f(u) · q_i;
 * a neighbourhood model (item-item: ItemKNN, RP3β, EASE^R; user-user: UserKNN) scores every item from
 * the history directly.
 */
@Service
public class Recommender {

    private static final Logger log = LoggerFactory.getLogger(Recommender.class);

    private final ModelHolder models;
    private final UserHistories histories;
    private final UserEmbeddings embeddings;
    private final RecommendProperties properties;
    private final ScoringLimiter limiter;
    private final MeterRegistry meters;
    private final DistributionSummary candidateCount;
    private final DistributionSummary batchSize;
    private final Map<String, Timer> latency = new ConcurrentHashMap<>();
    private final Map<String, Timer> inference = new ConcurrentHashMap<>();
    private volatile PopularityOrder popularity = new PopularityOrder(null, new int[0]);

    /** Items by descending popularity, computed once per model version. */
    private record PopularityOrder(String version, int[] items) {
    }

    Recommender(ModelHolder models, UserHistories histories, UserEmbeddings embeddings, RecommendProperties properties,
            ScoringLimiter limiter, MeterRegistry meters) {
        this.models = models;
        this.histories = histories;
        this.embeddings = embeddings;
        this.properties = properties;
        this.limiter = limiter;
        this.meters = meters;
        this.candidateCount = DistributionSummary.builder("convncf.recommend.candidates")
                .description("Candidates re-ranked per request").publishPercentileHistogram().register(meters);
        this.batchSize = DistributionSummary.builder("convncf.cnn.batch.size")
                .description("Pairs per CNN scoring call").publishPercentileHistogram().register(meters);
    }

    public Recommendation recommend(String user, int k, Collection<String> exclude, boolean includeSeen) {
        long start = System.nanoTime();
        try (ModelHolder.Lease lease = models.acquire().orElseThrow(() ->
                ApiException.unavailable("no model is loaded yet; the service is starting or the model store is empty", 5))) {
            LoadedModel loaded = lease.model();
            ServingModel m = loaded.model();
            MDC.put("modelVersion", loaded.version());
            UserHistories.History recent = histories.recent(user);
            long afterHistory = System.nanoTime();

            int u = m.users().indexOf(user);
            int[] history = mergedHistory(m, u, recent.items());
            boolean[] excluded = exclusions(m, history, exclude, includeSeen);
            int embedLength = Math.min(history.length, m.historyLength());
            String strategy = m.isNeighbourhood() ? (embedLength > 0 ? loaded.scorerName() : "popular")
                    : u >= 0 ? (m.isConvNcf() ? "convncf" : "shallow")
                    : embedLength > 0 && m.scoring().users().foldsIn() ? "fold-in" : "popular";

            Ranked ranked;
            if (strategy.equals("popular")) {
                ranked = popular(m, loaded.version(), excluded, k);
            } else if (m.isNeighbourhood()) {
                ranked = byNeighbourhood(m, loaded.version(), u, history, embedLength, excluded, k);
            } else {
                UserEmbeddings.Embedded f = embeddings.get(user, loaded.version(), recent.items(), () -> {
                    float[] fu = embed(m.scoring(), u, history, embedLength);
                    float[] fr = m.isConvNcf() && m.retrieval() != m.scoring() ? embed(m.retrieval(), u, history, embedLength)
                            : fu;
                    return new UserEmbeddings.Embedded(fu, fr);
                });
                ranked = m.isConvNcf() ? twoStage(loaded, f.scoring(), f.retrieval(), excluded, k)
                        : byDotProduct(m, f.scoring(), excluded, k);
            }
            long end = System.nanoTime();
            List<Recommendation.ScoredItem> items = new ArrayList<>(ranked.items().length);
            for (int i = 0; i < ranked.items().length; i++) {
                items.add(new Recommendation.ScoredItem(m.items().externalId(ranked.items()[i]), ranked.scores()[i]));
            }
            latency.computeIfAbsent(strategy, s -> Timer.builder("convncf.recommend")
                    .description("Recommendation latency by strategy").tag("strategy", s).publishPercentileHistogram()
                    .register(meters)).record(end - start, TimeUnit.NANOSECONDS);
            log.debug("Recommended {} items with strategy {} ({} candidates)", items.size(), strategy, ranked.candidates());
            long scoringNanos = ranked.scoringNanos();
            return new Recommendation(user, items, new Recommendation.ModelRef(loaded.name(), loaded.version()), strategy,
                    recent.degraded(), ranked.candidates(), new Recommendation.Timing(ms(afterHistory - start),
                            ms(end - afterHistory - scoringNanos), ms(scoringNanos), ms(end - start)));
        } finally {
            MDC.remove("modelVersion");
        }
    }

    /**
     * Recommended items (internal ids) and their scores, best first.
     *
     * @param candidates   how many items were scored
     * @param scoringNanos time spent scoring (the CNN, or the dot products of a shallow model)
     */
    private record Ranked(int[] items, float[] scores, int candidates, long scoringNanos) {
    }

    /**
     * Items the user already has (unless {@code includeSeen}) and the ones the request excludes;
     * {@code history} is the merged history, so it holds every training item of a known user.
     */
    private static boolean[] exclusions(ServingModel m, int[] history, Collection<String> exclude, boolean includeSeen) {
        boolean[] excluded = new boolean[m.items().size()];
        if (!includeSeen) {
            for (int item : history) {
                excluded[item] = true;
            }
        }
        for (String e : exclude) {
            int item = m.items().indexOf(e);
            if (item >= 0) {
                excluded[item] = true;
            }
        }
        return excluded;
    }

    /** No events at all: the most popular items. */
    private Ranked popular(ServingModel m, String version, boolean[] excluded, int k) {
        int[] order = popularityOrder(m, version);
        int[] chosen = new int[k];
        int n = 0;
        for (int i = 0; i < order.length && n < k; i++) {
            if (!excluded[order[i]]) {
                chosen[n++] = order[i];
            }
        }
        float[] scores = new float[n];
        for (int i = 0; i < n; i++) {
            scores[i] = m.popularity()[chosen[i]];
        }
        return new Ranked(Arrays.copyOf(chosen, n), scores, 0, 0);
    }

    /** A shallow model: f(u) · q_i over every item. */
    private static Ranked byDotProduct(ServingModel m, float[] fu, boolean[] excluded, int k) {
        long t = System.nanoTime();
        float[] all = new float[m.items().size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = m.scoring().dot(fu, i);
        }
        int[] top = TopK.select(all, all.length, excluded, k);
        float[] scores = new float[top.length];
        for (int i = 0; i < top.length; i++) {
            scores[i] = all[top[i]];
        }
        return new Ranked(top, scores, all.length, System.nanoTime() - t);
    }

    /**
     * A neighbourhood model: every item scored from the user's most recent {@code length} items (Σ W[i, j]
     * over them for item-item, the similarities of the users who have j among the user's neighbours for
     * user-user), ranked by score as evaluation ranks them. An item the model does not reach from them
     * scores 0: from the first such item in the ranking on, the most popular remaining items fill the
     * list, with score 0 (evaluation would order them by id). Reached items scoring 0 or less (EASE^R's
     * weights have either sign) stay in the list where they rank above that point.
     */
    private Ranked byNeighbourhood(ServingModel m, String version, int user, int[] history, int length,
            boolean[] excluded, int k) {
        long t = System.nanoTime();
        HistoryScorer model = m.neighbours();
        float[] all = new float[m.items().size()];
        model.score(user, history, length, all);
        int[] top = TopK.select(all, all.length, excluded, k);
        long scoring = System.nanoTime() - t;
        boolean[] listed = null; // only needed when a score of exactly 0 reaches the list
        int reached = 0;
        while (reached < top.length) {
            if (all[top[reached]] == 0f) {
                if (listed == null) {
                    listed = new boolean[all.length];
                    model.reached(user, history, length, listed);
                }
                if (!listed[top[reached]]) {
                    break;
                }
            }
            reached++;
        }
        int[] items = Arrays.copyOf(top, reached);
        if (reached < k) {
            for (int item : items) {
                excluded[item] = true; // this request's own array
            }
            int[] fill = popular(m, version, excluded, k - reached).items();
            items = Arrays.copyOf(items, reached + fill.length);
            System.arraycopy(fill, 0, items, reached, fill.length);
        }
        float[] scores = new float[items.length];
        for (int i = 0; i < reached; i++) {
            scores[i] = all[items[i]];
        }
        return new Ranked(items, scores, all.length, scoring);
    }

    /** ConvNCF: C candidates from the retrieval model (and popularity), re-ranked by the CNN. */
    private Ranked twoStage(LoadedModel loaded, float[] fu, float[] fr, boolean[] excluded, int k) {
        ServingModel m = loaded.model();
        int[] pool = CandidateGenerator.generate(fr, m.retrieval(), popularityOrder(m, loaded.version()), excluded,
                properties.candidates(), properties.popularityShare());
        long t = System.nanoTime();
        float[] poolScores = rerank(loaded, fu, pool);
        long scoring = System.nanoTime() - t;
        int[] top = TopK.select(poolScores, pool.length, null, k);
        int[] items = new int[top.length];
        float[] scores = new float[top.length];
        for (int i = 0; i < top.length; i++) {
            items[i] = pool[top[i]];
            scores[i] = poolScores[top[i]];
        }
        candidateCount.record(pool.length);
        return new Ranked(items, scores, pool.length, scoring);
    }

    /** Distinct internal item ids, newest first: recent events, then the training history. */
    private static int[] mergedHistory(ServingModel m, int user, List<String> recentEvents) {
        int trainLength = user >= 0 ? m.historyOffsets()[user + 1] - m.historyOffsets()[user] : 0;
        int[] out = new int[recentEvents.size() + trainLength];
        boolean[] seen = new boolean[m.items().size()];
        int n = 0;
        for (String item : recentEvents) {
            int i = m.items().indexOf(item);
            if (i >= 0 && !seen[i]) {
                seen[i] = true;
                out[n++] = i;
            }
        }
        if (user >= 0) {
            for (int idx = m.historyOffsets()[user + 1] - 1; idx >= m.historyOffsets()[user]; idx--) {
                int i = m.historyItems()[idx];
                if (!seen[i]) {
                    seen[i] = true;
                    out[n++] = i;
                }
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static float[] embed(Embeddings e, int user, int[] history, int length) {
        int u = user < e.users().numUsers() ? user : -1;
        float[] out = new float[e.dim()];
        e.users().embed(u, history, 0, length, -1, out, 0);
        return out;
    }

    private float[] rerank(LoadedModel loaded, float[] user, int[] pool) {
        ConvNcfScorer scorer = loaded.scorer();
        Embeddings scoring = loaded.model().scoring();
        int dim = scoring.dim();
        float[] vectors = new float[pool.length * dim];
        for (int k = 0; k < pool.length; k++) {
            System.arraycopy(scoring.itemTable(), pool[k] * dim, vectors, k * dim, dim);
        }
        float[] out = new float[pool.length];
        limiter.run(() -> {
            long t = System.nanoTime();
            scorer.score(user, vectors, pool.length, out);
            inference.computeIfAbsent(scorer.name(), n -> Timer.builder("convncf.cnn.inference")
                    .description("CNN re-ranking time per call").tag("scorer", n).publishPercentileHistogram()
                    .register(meters)).record(System.nanoTime() - t, TimeUnit.NANOSECONDS);
        });
        batchSize.record(pool.length);
        return out;
    }

    private int[] popularityOrder(ServingModel m, String version) {
        PopularityOrder p = popularity;
        if (!version.equals(p.version())) {
            p = new PopularityOrder(version, Candidates.popularityOrder(m.popularity()));
            popularity = p;
        }
        return p.items();
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }
}
