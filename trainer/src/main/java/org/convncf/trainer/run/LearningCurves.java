package org.convncf.trainer.run;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.convncf.trainer.model.TrainingHistory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Per-epoch records of a run as CSV, JSON and a learning-curve PNG. */
public final class LearningCurves {

    private static final Logger log = LoggerFactory.getLogger(LearningCurves.class);

    private static final String CSV_HEADER = "epoch,loss,seconds,validation_hr10,validation_ndcg10,selected";

    private LearningCurves() {
    }

    /** {@code epoch,loss,seconds,validation_hr10,validation_ndcg10,selected}. */
    public static String csv(TrainingHistory history) {
        StringBuilder sb = new StringBuilder(CSV_HEADER).append('\n');
        for (TrainingHistory.Epoch e : history.epochs()) {
            sb.append(String.format(Locale.ROOT, "%d,%.6f,%.3f,%s,%s,%s", e.epoch(), e.loss(), e.seconds(),
                    e.evaluated() ? String.format(Locale.ROOT, "%.6f", e.validationHr10()) : "",
                    e.evaluated() ? String.format(Locale.ROOT, "%.6f", e.validationNdcg10()) : "",
                    e.epoch() == history.selectedEpoch())).append('\n');
        }
        return sb.toString();
    }

    /** The same records as a JSON array. */
    public static String json(TrainingHistory history) {
        StringBuilder sb = new StringBuilder("[\n");
        for (int i = 0; i < history.epochs().size(); i++) {
            TrainingHistory.Epoch e = history.epochs().get(i);
            sb.append(String.format(Locale.ROOT,
                    "  {\"epoch\": %d, \"loss\": %.6f, \"seconds\": %.3f, \"validationHr10\": %s, \"validationNdcg10\": %s, \"selected\": %s}%s\n",
                    e.epoch(), e.loss(), e.seconds(),
                    e.evaluated() ? String.format(Locale.ROOT, "%.6f", e.validationHr10()) : "null",
                    e.evaluated() ? String.format(Locale.ROOT, "%.6f", e.validationNdcg10()) : "null",
                    e.epoch() == history.selectedEpoch(), i + 1 < history.epochs().size() ? "," : ""));
        }
        return sb.append("]\n").toString();
    }

    /**
     * The history an {@link #csv} file holds, to redraw its PNG elsewhere ({@code trainer curves}).
     * Early stopping is not recorded there and reads as false.
     *
     * @throws IllegalArgumentException naming the file and line of a row that is not such a record
     */
    public static TrainingHistory readCsv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty() || !lines.get(0).equals(CSV_HEADER)) {
            throw new IllegalArgumentException(file + ":1: not an epochs.csv (expected the header " + CSV_HEADER + ")");
        }
        List<TrainingHistory.Epoch> epochs = new ArrayList<>();
        int selected = 0;
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", -1);
            try {
                if (f.length != 6) {
                    throw new IllegalArgumentException("expected 6 fields, got " + f.length);
                }
                epochs.add(new TrainingHistory.Epoch(Integer.parseInt(f[0]), Double.parseDouble(f[1]),
                        Double.parseDouble(f[2]), metric(f[3]), metric(f[4])));
                if (Boolean.parseBoolean(f[5])) {
                    selected = Integer.parseInt(f[0]);
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return new TrainingHistory(epochs, selected, false);
    }

    private static double metric(String field) {
        return field.isEmpty() ? Double.NaN : Double.parseDouble(field);
    }

    /**
     * {@link #png}, or empty with a warning where this JVM cannot draw: a headless machine without
     * fonts or without AWT's native libraries (a slim container, a GPU box) fails inside the chart
     * library, and a training run must not end there. The CSV and JSON hold the same curve.
     */
    public static Optional<byte[]> pngIfDrawable(String title, TrainingHistory history) {
        return drawn(title, () -> png(title, history));
    }

    static Optional<byte[]> drawn(String title, Supplier<byte[]> draw) {
        try {
            return Optional.of(draw.get());
        } catch (RuntimeException | LinkageError | InternalError e) {
            // Missing fonts surface as RuntimeException ("Fontconfig head is null", seen on a GPU
            // machine) or InternalError, a missing libfreetype as UnsatisfiedLinkError.
            log.warn("learning-curve.png of {} not drawn, this JVM cannot render charts ({}); epochs.csv has the"
                    + " curve and `trainer curves` draws it on a machine with fonts", title, e.toString());
            return Optional.empty();
        }
    }

    /** Training loss (left axis) and validation HR@10 / NDCG@10 (right axis) per epoch, as PNG bytes. */
    public static byte[] png(String title, TrainingHistory history) {
        System.setProperty("java.awt.headless", "true");
        XYSeries loss = new XYSeries("training loss");
        XYSeries hr = new XYSeries("validation HR@10 (full ranking: Recall@10)");
        XYSeries ndcg = new XYSeries("validation NDCG@10");
        for (TrainingHistory.Epoch e : history.epochs()) {
            loss.add(e.epoch(), e.loss());
            if (e.evaluated()) {
                hr.add(e.epoch(), e.validationHr10());
                ndcg.add(e.epoch(), e.validationNdcg10());
            }
        }
        XYPlot plot = new XYPlot();
        plot.setDomainAxis(new NumberAxis("epoch"));
        NumberAxis lossAxis = new NumberAxis("BPR loss per triplet");
        lossAxis.setAutoRangeIncludesZero(false);
        plot.setRangeAxis(0, lossAxis);
        plot.setDataset(0, new XYSeriesCollection(loss));
        plot.setRenderer(0, renderer(new Color(0x33, 0x33, 0x33)));
        NumberAxis metricAxis = new NumberAxis("validation metric");
        metricAxis.setAutoRangeIncludesZero(false);
        plot.setRangeAxis(1, metricAxis);
        XYSeriesCollection metrics = new XYSeriesCollection();
        metrics.addSeries(hr);
        metrics.addSeries(ndcg);
        plot.setDataset(1, metrics);
        plot.mapDatasetToRangeAxis(1, 1);
        XYLineAndShapeRenderer metricRenderer = renderer(new Color(0x1f, 0x77, 0xb4));
        metricRenderer.setSeriesPaint(1, new Color(0xd6, 0x27, 0x28));
        plot.setRenderer(1, metricRenderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        String subtitle = history.selectedEpoch() > 0 ? " (selected epoch " + history.selectedEpoch() + ")" : "";
        JFreeChart chart = new JFreeChart(title + subtitle, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(out, chart, 900, 500);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static XYLineAndShapeRenderer renderer(Color color) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        r.setSeriesPaint(0, color);
        r.setSeriesStroke(0, new BasicStroke(1.5f));
        r.setSeriesStroke(1, new BasicStroke(1.5f));
        return r;
    }
}
