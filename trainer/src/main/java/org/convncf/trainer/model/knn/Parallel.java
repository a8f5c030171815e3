package org.convncf.trainer.model.knn;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Runs an independent task per row on several cores. Rows are cut into contiguous chunks; each
 * chunk gets its own scratch state from {@code scratch}, so tasks share nothing mutable and every
 * row's result is the same whatever the thread scheduling.
 */
public final class Parallel {

    /** Work on one row with a chunk-private scratch object. */
    @FunctionalInterface
    public interface RowTask<S> {
        void run(S scratch, int row);
    }

    private Parallel() {
    }

    /**
     * Calls {@code task} once for every row in {@code [0, rows)}.
     *
     * @param threads 0: the common fork-join pool (one thread per core); 1: the calling thread only;
     *                more: a private pool of that many threads
     */
    public static <S> void forRows(int rows, int threads, Supplier<S> scratch, RowTask<S> task) {
        if (rows == 0) {
            return;
        }
        if (threads == 1) {
            S s = scratch.get();
            for (int r = 0; r < rows; r++) {
                task.run(s, r);
            }
            return;
        }
        int parallelism = threads > 0 ? threads : ForkJoinPool.getCommonPoolParallelism() + 1;
        int chunks = Math.min(rows, Math.max(1, parallelism * 8));
        Runnable body = () -> IntStream.range(0, chunks).parallel().forEach(c -> {
            int from = (int) ((long) rows * c / chunks);
            int to = (int) ((long) rows * (c + 1) / chunks);
            S s = scratch.get();
            for (int r = from; r < to; r++) {
                task.run(s, r);
            }
        });
        if (threads == 0) {
            body.run();
            return;
        }
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            pool.submit(body).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
    }
}
