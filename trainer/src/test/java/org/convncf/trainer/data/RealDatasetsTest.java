package org.convncf.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.convncf.trainer.TestData;
import org.junit.jupiter.api.Test;

/** The readers on the real datasets of ../shared/data (skipped when absent, failing in CI). */
class RealDatasetsTest {

    private static final CsvReader.Options CSV = CsvReader.Options.DEFAULT;

    private static int itemsWithTrainInteractions(Interactions x) {
        int n = 0;
        for (int c : x.itemCounts()) {
            n += c > 0 ? 1 : 0;
        }
        return n;
    }

    private static int usersWithTrainInteractions(Interactions x) {
        int n = 0;
        for (int u = 0; u < x.numUsers(); u++) {
            n += x.degree(u) > 0 ? 1 : 0;
        }
        return n;
    }

    /** Checks an NCF leave-one-out dataset; returns {negatives that are train positives, negatives that are the test item}. */
    private static long[] checkNcf(LoadedDataset d, int users, int trainUsers, int items, int trainItems, int train) {
        Interactions x = d.train();
        assertThat(x.numUsers()).isEqualTo(users);
        assertThat(x.numItems()).as("items in train, test and negatives").isEqualTo(items);
        assertThat(itemsWithTrainInteractions(x)).isEqualTo(trainItems);
        assertThat(x.size()).isEqualTo(train);
        assertThat(d.duplicates()).isZero();
        assertThat(x.hasTimestamps()).isFalse();
        assertThat(usersWithTrainInteractions(x)).as("users with training interactions").isEqualTo(trainUsers);
        HeldOut test = d.test().orElseThrow();
        assertThat(test.size()).isEqualTo(users);
        assertThat(test.usersWithItems()).isEqualTo(users);
        assertThat(test.hasNegatives()).isTrue();
        long inTrain = 0;
        long isTest = 0;
        for (int u = 0; u < users; u++) {
            int[] t = test.itemsOf(u);
            assertThat(t).hasSize(1);
            assertThat(x.contains(u, t[0])).isFalse();
            int[] negatives = test.negativesOf(u);
            assertThat(negatives).hasSize(99);
            for (int neg : negatives) {
                inTrain += x.contains(u, neg) ? 1 : 0;
                isTest += neg == t[0] ? 1 : 0;
            }
        }
        // The ids are the dense 0-based ids of the files.
        assertThat(x.items().externalIds()).allMatch(id -> Integer.parseInt(id) < items);
        assertThat(x.users().externalIds()).allMatch(id -> Integer.parseInt(id) < users);
        return new long[] {inTrain, isTest};
    }

    @Test
    void lastfm() throws IOException {
        LoadedDataset d = DatasetLoader.load(TestData.dataset("lastfm-deepcf"), DataFormat.AUTO, CSV);
        assertThat(d.name()).isEqualTo("lastfm-deepcf");
        // README: 1741 users, 2665 items, 67408 train + 1741 test; the 3-column train file has no repeats.
        long[] caveats = checkNcf(d, 1741, 1741, 2665, 2665, 67_408);
        // README caveat: 2,434 given negatives are train positives and 86 are the test item itself.
        assertThat(caveats).containsExactly(2434, 86);
    }

    @Test
    void amazonMusic() throws IOException {
        LoadedDataset d = DatasetLoader.load(TestData.dataset("amazon-music-deepcf"), DataFormat.AUTO, CSV);
        // README: 1776 users, 12929 items, 44311 train. Observed: 43 test users have no training
        // interaction, and only 12489 items occur in train (the rest only in test.rating/test.negative).
        assertThat(checkNcf(d, 1776, 1733, 12_929, 12_489, 44_311)).containsExactly(348, 18);
    }

    @Test
    void amazonToy() throws IOException {
        LoadedDataset d = DatasetLoader.load(TestData.dataset("amazon-toy-deepcf"), DataFormat.AUTO, CSV);
        // README: 3137 users, 33953 items, 81505 train. Observed: 15 test users have no training
        // interaction, and only 33062 items occur in train.
        assertThat(checkNcf(d, 3137, 3122, 33_953, 33_062, 81_505)).containsExactly(227, 12);
    }

    @Test
    void movieLens100k() throws IOException {
        Path dir = TestData.dataset("ml-100k");
        assertThat(DatasetLoader.detect(dir)).isEqualTo(DataFormat.MOVIELENS);
        LoadedDataset d = DatasetLoader.load(dir, DataFormat.AUTO, CSV);
        Interactions x = d.train();
        assertThat(x.numUsers()).isEqualTo(943);
        assertThat(x.numItems()).isEqualTo(1682);
        assertThat(x.size()).isEqualTo(100_000);
        assertThat(d.duplicates()).isZero();
        assertThat(x.hasTimestamps()).isTrue();
        for (int u = 0; u < x.numUsers(); u++) {
            assertThat(x.degree(u)).isGreaterThanOrEqualTo(20);
            for (int k = x.start(u) + 1; k < x.end(u); k++) {
                assertThat(x.timeAt(k)).isGreaterThanOrEqualTo(x.timeAt(k - 1));
            }
        }
        // ids are 1-based in u.data
        assertThat(x.users().indexOf("0")).isEqualTo(-1);
        assertThat(x.users().indexOf("943")).isNotNegative();
        // 4-and-above keeps the familiar ML-100K positive count
        LoadedDataset high = DatasetLoader.load(dir, DataFormat.MOVIELENS, new CsvReader.Options((char) 0, null, 4));
        assertThat(high.train().size()).isEqualTo(55_375);
    }

    @Test
    void gowalla() throws IOException {
        Path dir = TestData.dataset("gowalla-lightgcn");
        LoadedDataset d = DatasetLoader.load(dir, DataFormat.AUTO, CSV);
        Interactions x = d.train();
        assertThat(x.numUsers()).isEqualTo(29_858);
        assertThat(x.numItems()).isEqualTo(40_981);
        assertThat(x.size()).isEqualTo(810_128);
        assertThat(d.duplicates()).isZero();
        assertThat(x.hasTimestamps()).isFalse();
        assertThat(d.validation()).isEmpty();
        HeldOut test = d.test().orElseThrow();
        assertThat(test.size()).isEqualTo(217_242);
        assertThat(test.usersWithItems()).isEqualTo(29_858);
        assertThat(x.users().externalId(0)).isEqualTo("0");

        // LightGCN++'s split of the same train set into train + valid, with the same test.txt.
        Path pp = dir.resolve("lightgcnpp_split");
        LoadedDataset s = AdjacencyListReader.read("gowalla-pp", DatasetLoader.optional(pp, "train.txt"),
                DatasetLoader.optional(pp, "valid.txt"), DatasetLoader.optional(dir, "test.txt"));
        assertThat(s.train().size()).isEqualTo(719_081);
        assertThat(s.validation().orElseThrow().size()).isEqualTo(91_047);
        assertThat(s.test().orElseThrow().size()).isEqualTo(217_242);
        assertThat(s.numUsers()).isEqualTo(29_858);
        assertThat(s.numItems()).isEqualTo(40_981);
        // README: train + valid of LightGCN++ is exactly the rebuilt train.txt, pair for pair.
        Interactions t = s.train();
        HeldOut v = s.validation().orElseThrow();
        long matched = 0;
        for (int u = 0; u < t.numUsers(); u++) {
            int full = x.users().indexOf(t.users().externalId(u));
            for (int k = t.start(u); k < t.end(u); k++) {
                matched += x.contains(full, x.items().indexOf(t.items().externalId(t.itemAt(k)))) ? 1 : 0;
            }
            for (int item : v.itemsOf(u)) {
                matched += x.contains(full, x.items().indexOf(t.items().externalId(item))) ? 1 : 0;
            }
        }
        assertThat(matched).isEqualTo(810_128);
    }

    @Test
    void movieLens1mLightGcnPlusPlus() throws IOException {
        LoadedDataset d = DatasetLoader.load(TestData.dataset("ml-1m-lightgcnpp"), DataFormat.AUTO, CSV);
        assertThat(d.numUsers()).isEqualTo(6039);
        assertThat(d.numItems()).as("items over train, valid and test").isEqualTo(3628);
        assertThat(itemsWithTrainInteractions(d.train())).isEqualTo(3583);
        assertThat(d.train().size()).isEqualTo(590_733);
        assertThat(d.validation().orElseThrow().size()).isEqualTo(80_897);
        assertThat(d.test().orElseThrow().size()).isEqualTo(164_848);
        assertThat(d.validation().orElseThrow().usersWithItems()).isEqualTo(6033);
        assertThat(d.test().orElseThrow().usersWithItems()).isEqualTo(6038);
        assertThat(d.duplicates()).isZero();
    }

    @Test
    void yelpViaCsvReaderWithExplicitColumns() throws IOException {
        Path file = DatasetLoader.optional(TestData.dataset("yelp-mcrec"), "user_business.dat");
        CsvReader.Options options = new CsvReader.Options((char) 0, CsvReader.Options.parseColumns("user,item,rating"),
                Double.NEGATIVE_INFINITY);
        LoadedDataset d = DatasetLoader.load(file, DataFormat.CSV, options);
        // README: 16,239 users, 14,284 businesses, 198,397 ratings.
        assertThat(d.numUsers()).isEqualTo(16_239);
        assertThat(d.numItems()).isEqualTo(14_284);
        assertThat(d.train().size()).isEqualTo(198_397);
        assertThat(d.duplicates()).isZero();
        assertThat(d.train().hasTimestamps()).isFalse();
        assertThat(d.name()).isEqualTo("user_business");
    }
}
