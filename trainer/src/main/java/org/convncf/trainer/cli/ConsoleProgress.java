package org.convncf.trainer.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.convncf.trainer.model.TrainingContext;
import org.convncf.trainer.model.TrainingHistory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows training progress: a single redrawn progress bar (batches, loss, ETA) on a terminal, plain
 * log lines every ten seconds otherwise (CI logs, containers, files).
 */
final class ConsoleProgress implements TrainingContext.ProgressListener {

    private static final Logger log = LoggerFactory.getLogger("progress");
    private static final long LOG_INTERVAL_NANOS = 10_000_000_000L;

    private final boolean terminal;
    private final PrintStream out;
    private long epochStart;
    private int currentEpoch = -1;
    private long lastLog;

    ConsoleProgress(boolean terminal, PrintStream out) {
        this.terminal = terminal;
        this.out = out;
    }

    static ConsoleProgress detect() {
        return new ConsoleProgress(System.console() != null && System.getenv("CI") == null, System.err);
    }

    @Override
    public void batch(int epoch, long done, long total, double meanLoss) {
        long now = System.nanoTime();
        if (epoch != currentEpoch) {
            currentEpoch = epoch;
            epochStart = now;
            lastLog = now;
        }
        double elapsed = (now - epochStart) / 1e9;
        double eta = done == 0 ? 0 : elapsed * (total - done) / done;
        if (terminal) {
            int width = 30;
            int filled = (int) (width * done / Math.max(1, total));
            out.printf(Locale.ROOT, "\repoch %d [%s%s] %d/%d loss %.4f eta %s   ", epoch, "=".repeat(filled),
                    " ".repeat(width - filled), done, total, meanLoss, duration(eta));
            if (done == total) {
                out.print("\r" + " ".repeat(90) + "\r");
            }
            out.flush();
        } else if (now - lastLog >= LOG_INTERVAL_NANOS) {
            lastLog = now;
            log.info(String.format(Locale.ROOT, "epoch %d: %d/%d batches, loss %.4f, eta %s", epoch, done, total, meanLoss,
                    duration(eta)));
        }
    }

    @Override
    public void epoch(String algorithm, TrainingHistory.Epoch e) {
        String validation = e.evaluated()
                ? String.format(Locale.ROOT, ", validation HR@10 (or Recall@10) %.4f NDCG@10 %.4f", e.validationHr10(), e.validationNdcg10())
                : "";
        log.info(String.format(Locale.ROOT, "%s epoch %d: loss %.4f in %.1f s%s; resident memory %s", algorithm, e.epoch(),
                e.loss(), e.seconds(), validation, BenchmarkCommand.currentRss()));
    }

    @Override
    public void message(String text) {
        log.info(text);
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
