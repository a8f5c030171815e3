package org.convncf.trainer.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PerUserMetricsTest {

    @TempDir
    Path dir;

    @Test
    void roundTripIsExactSoATestFromTheFilesEqualsTheRunsOwn() throws IOException {
        int n = 300;
        Map<String, double[]> a = new LinkedHashMap<>();
        a.put("HR@10", new double[n]);
        a.put("NDCG@10", new double[n]);
        Map<String, double[]> b = new LinkedHashMap<>();
        b.put("HR@10", new double[n]);
        b.put("NDCG@10", new double[n]);
        for (int u = 0; u < n; u++) {
            int rankA = u % 13;
            int rankB = (u * 7) % 17;
            a.get("HR@10")[u] = rankA < 10 ? 1 : 0;
            a.get("NDCG@10")[u] = rankA < 10 ? 1 / (Math.log(rankA + 2) / Math.log(2)) : 0;
            b.get("HR@10")[u] = rankB < 10 ? 1 : 0;
            b.get("NDCG@10")[u] = rankB < 10 ? 1 / (Math.log(rankB + 2) / Math.log(2)) : 0;
        }
        PerUserMetrics.write(dir.resolve("a.csv.gz"), a);
        PerUserMetrics.write(dir.resolve("b.csv.gz"), b);

        Map<String, double[]> readA = PerUserMetrics.read(dir.resolve("a.csv.gz"));
        Map<String, double[]> readB = PerUserMetrics.read(dir.resolve("b.csv.gz"));

        assertThat(readA.keySet()).containsExactly("HR@10", "NDCG@10");
        assertThat(readA.get("NDCG@10")).containsExactly(a.get("NDCG@10"));
        assertThat(PairedTest.of(readA.get("NDCG@10"), readB.get("NDCG@10")))
                .isEqualTo(PairedTest.of(a.get("NDCG@10"), b.get("NDCG@10")));
        assertThat(ResultsTable.pairedMetrics(readA)).containsExactly("HR@10", "NDCG@10");
        assertThat(ResultsTable.pairedMetrics(Map.of("Recall@20", 0.1, "NDCG@20", 0.1))).containsExactly("Recall@20", "NDCG@20");
    }

    @Test
    void columnsOfDifferentLengthsAreRefused() {
        Map<String, double[]> bad = new LinkedHashMap<>();
        bad.put("HR@10", new double[3]);
        bad.put("NDCG@10", new double[2]);
        assertThatThrownBy(() -> PerUserMetrics.write(dir.resolve("bad.csv.gz"), bad))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NDCG@10 has 2 users, HR@10 has 3");
    }

    @Test
    void aMalformedFileNamesItsLine() throws IOException {
        Path file = dir.resolve("broken.csv.gz");
        gzip(file, "HR@10,NDCG@10\n1.0,0.5\n1.0\n");
        assertThatThrownBy(() -> PerUserMetrics.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 3: 1 values, expected 2");
        gzip(file, "HR@10,NDCG@10\n1.0,half\n");
        assertThatThrownBy(() -> PerUserMetrics.read(file)).hasMessageContaining("line 2: 'half' is not a number");
        gzip(file, "");
        assertThatThrownBy(() -> PerUserMetrics.read(file)).hasMessageContaining("empty");
    }

    private static void gzip(Path file, String text) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
