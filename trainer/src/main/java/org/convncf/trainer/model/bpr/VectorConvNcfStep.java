package org.convncf.trainer.model.bpr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.convncf.nn.ConvNcfWeights;
import org.convncf.nn.VectorConvolution;

/**
 * A BPR training step of ConvNCF's network fused in Java with the Vector API: the forward and
 * backward pass of every (u, i) and (u, j) pair of a batch, the network's L2 terms, and Adagrad on
 * the network's parameters. The gradients of the pairs' user and item vectors go back to the caller,
 * whose tables apply them as on the engine path. It computes what {@link BprTrainer}'s engine step
 * computes, to float rounding ({@code VectorConvNcfStepTest} holds both to each other).
 *
 * <p>Why: on a CPU, libtorch's convolution backward runs at 10–30 % of its GEMM rate and is the
 * ceiling of ConvNCF training there (docs/PERFORMANCE.md). This kernel keeps a pair's activations
 * in cache from layer to layer (channels-last, as the fused scorer does), computes layer 1 from the
 * user side without building the K×K map, and skips the multiply-adds that a ReLU zeroed in either
 * direction.
 *
 * <p>Layouts: layer 1's kernel is [dy·2+dx][c]; layer l ≥ 2's is [q][c_in][c_out] for the forward
 * pass and the weight gradient, and its transpose [q][c_out][c_in] for the input gradient (q =
 * dy·2+dx). Threads: a step splits its triplets across {@code threads} workers, each with its own
 * activations and gradient sums, added in a fixed order (the same thread count gives the same
 * digits). Not thread-safe itself: one trainer drives it.
 */
final class VectorConvNcfStep implements AutoCloseable {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private final int k;
    private final int c;
    private final int layers;
    private final BprConfig config;
    /** Parameters: {@code w[0]} is [q][c], {@code w[l]} for l ≥ 1 is [q][ci][co]; biases [c]; output [c]. */
    private final float[][] w;
    private final float[][] wt;
    private final float[][] bias;
    private final float[] out;
    private final float[][] accW;
    private final float[][] accB;
    private final float[] accOut;
    private final Worker[] workers;
    private final ForkJoinPool pool;

    /**
     * @param threads workers per step (1 = the caller's thread only)
     */
    VectorConvNcfStep(ConvNcfWeights initial, BprConfig config, int threads) {
        if (!supports(initial.channels())) {
            throw new IllegalArgumentException("channels (" + initial.channels() + ") must be a multiple of the vector"
                    + " width " + LANES);
        }
        this.k = initial.embeddingSize();
        this.c = initial.channels();
        this.layers = initial.layers();
        this.config = config;
        this.w = new float[layers][];
        this.wt = new float[layers][];
        this.bias = new float[layers][];
        this.accW = new float[layers][];
        this.accB = new float[layers][];
        float initialAcc = (float) config.adagradInitial();
        for (int l = 0; l < layers; l++) {
            float[] dst = VectorConvolution.kernelLayout(initial.weight(l), l == 0 ? 1 : c, c);
            w[l] = dst;
            wt[l] = new float[dst.length];
            bias[l] = initial.bias(l).clone();
            accW[l] = filled(dst.length, initialAcc);
            accB[l] = filled(c, initialAcc);
        }
        this.out = initial.output().clone();
        this.accOut = filled(c, initialAcc);
        transposeKernels();
        int n = Math.max(1, threads);
        this.workers = new Worker[n];
        for (int t = 0; t < n; t++) {
            workers[t] = new Worker();
        }
        this.pool = n > 1 ? new ForkJoinPool(n) : null;
    }

    /** Whether the kernel runs {@code channels} channels (a multiple of this CPU's vector width). */
    static boolean supports(int channels) {
        return VectorConvolution.supports(channels);
    }

    private static float[] filled(int n, float value) {
        float[] a = new float[n];
        Arrays.fill(a, value);
        return a;
    }

    /**
     * One step over triplets 0..b-1: row t holds (u, i) and row b+t holds (u, j) of triplet t, as
     * D-wide vectors in {@code users} and {@code items}. Writes dL/df(u) and dL/dq of the 2b rows
     * into {@code userGrads} and {@code itemGrads}, updates the network, and returns the batch's loss:
     * Σ softplus(−(ŷ_ui − ŷ_uj)) plus, when {@code regularise}, λ_user·Σ‖f(u)‖² over the positive rows,
     * λ_item·Σ‖q‖² over all rows, and the network's λ terms.
     */
    double step(float[] users, float[] items, int b, boolean regularise, float[] userGrads, float[] itemGrads) {
        int parts = Math.min(workers.length, b);
        if (parts <= 1) {
            workers[0].run(users, items, b, 0, b, regularise, userGrads, itemGrads);
        } else {
            List<Future<?>> futures = new ArrayList<>(parts);
            for (int p = 0; p < parts; p++) {
                Worker worker = workers[p];
                int from = (int) ((long) b * p / parts);
                int to = (int) ((long) b * (p + 1) / parts);
                futures.add(pool.submit(() -> worker.run(users, items, b, from, to, regularise, userGrads, itemGrads)));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted during a training step", e);
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a training step failed", e.getCause());
                }
            }
        }
        Worker sum = workers[0];
        double loss = sum.loss;
        for (int p = 1; p < parts; p++) {
            Worker other = workers[p];
            loss += other.loss;
            for (int l = 0; l < layers; l++) {
                add(sum.dw[l], other.dw[l]);
                add(sum.db[l], other.db[l]);
            }
            add(sum.dout, other.dout);
        }
        if (regularise) {
            loss += penalty(config.lambdaNetwork(), w, sum.dw);
            loss += penalty(config.lambdaOutput(), new float[][] {out}, new float[][] {sum.dout});
        }
        float lr = (float) config.lrNetwork();
        for (int l = 0; l < layers; l++) {
            Adagrad.updateRow(w[l], accW[l], 0, sum.dw[l], 0, w[l].length, lr);
            Adagrad.updateRow(bias[l], accB[l], 0, sum.db[l], 0, c, lr);
        }
        Adagrad.updateRow(out, accOut, 0, sum.dout, 0, c, lr);
        transposeKernels();
        return loss;
    }

    /** λ·Σw² over {@code params}, adding 2λw to their gradients. */
    private static double penalty(double lambda, float[][] params, float[][] grads) {
        if (lambda <= 0) {
            return 0;
        }
        double squares = 0;
        float twice = (float) (2 * lambda);
        for (int p = 0; p < params.length; p++) {
            float[] v = params[p];
            float[] g = grads[p];
            for (int i = 0; i < v.length; i++) {
                squares += (double) v[i] * v[i];
                g[i] += twice * v[i];
            }
        }
        return lambda * squares;
    }

    private static void add(float[] into, float[] from) {
        for (int i = 0; i < into.length; i++) {
            into[i] += from[i];
        }
    }

    private void transposeKernels() {
        for (int l = 1; l < layers; l++) {
            float[] src = w[l];
            float[] dst = wt[l];
            for (int q = 0; q < 4; q++) {
                for (int ci = 0; ci < c; ci++) {
                    for (int co = 0; co < c; co++) {
                        dst[(q * c + co) * c + ci] = src[(q * c + ci) * c + co];
                    }
                }
            }
        }
    }

    /** The current parameters in the model store's (PyTorch) layout. */
    ConvNcfWeights weights() {
        float[][] pw = new float[layers][];
        float[][] pb = new float[layers][];
        for (int l = 0; l < layers; l++) {
            pw[l] = VectorConvolution.pytorchLayout(w[l], l == 0 ? 1 : c, c);
            pb[l] = bias[l].clone();
        }
        return new ConvNcfWeights(k, c, pw, pb, out.clone());
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
        }
    }

    /** One thread's activations, scratch and gradient sums. */
    private final class Worker {
        /** Post-ReLU activations of the positive and the negative pair, per layer, channels-last. */
        final float[][] positive = activations();
        final float[][] negative = activations();
        /** dL/d(pre-activation) per layer, for the pair being back-propagated. */
        final float[][] grads = activations();
        /** Layer 1 from the user side: A[y][dx][c] = Σ_dy W1[dy][dx][c] · u[2y+dy]. */
        final float[] userSide = new float[k * c];
        /** R[y][dx][c] = Σ_x g1[y][x][c] · v[2x+dx] and P[x][dy][c] = Σ_y g1[y][x][c] · u[2y+dy]. */
        final float[] r = new float[k * c];
        final float[] p = new float[k * c];
        final float[][] dw = new float[layers][];
        final float[][] db = new float[layers][];
        final float[] dout = new float[c];
        /** One vector's lanes, for {@link #laneSum}. */
        final float[] lanes = new float[LANES];
        double loss;

        Worker() {
            for (int l = 0; l < layers; l++) {
                dw[l] = new float[w[l].length];
                db[l] = new float[c];
            }
        }

        private float[][] activations() {
            float[][] a = new float[layers][];
            int side = k / 2;
            for (int l = 0; l < layers; l++) {
                a[l] = new float[side * side * c];
                side /= 2;
            }
            return a;
        }

        void run(float[] users, float[] items, int b, int from, int to, boolean regularise, float[] userGrads,
                float[] itemGrads) {
            loss = 0;
            for (int l = 0; l < layers; l++) {
                Arrays.fill(dw[l], 0);
                Arrays.fill(db[l], 0);
            }
            Arrays.fill(dout, 0);
            float lambdaUser = regularise ? (float) config.lambdaUser() : 0;
            float lambdaItem = regularise ? (float) config.lambdaItem() : 0;
            for (int t = from; t < to; t++) {
                int pos = t * k;
                int neg = (b + t) * k;
                double diff = forward(users, pos, items, pos, positive) - forward(users, neg, items, neg, negative);
                // softplus(−diff) and its derivative σ(−diff), stable for large |diff|.
                loss += Math.max(-diff, 0) + Math.log1p(Math.exp(-Math.abs(diff)));
                float sigma = (float) (1 / (1 + Math.exp(diff)));
                backward(-sigma, users, pos, items, pos, positive, userGrads, itemGrads);
                backward(sigma, users, neg, items, neg, negative, userGrads, itemGrads);
                loss += l2(lambdaUser, users, pos, userGrads);
                loss += l2(lambdaItem, items, pos, itemGrads);
                loss += l2(lambdaItem, items, neg, itemGrads);
            }
        }

        /**
         * The sum of {@code v}'s lanes in lane order. Not {@code reduceLanes(ADD)}: the Vector API leaves
         * a float sum's order to the implementation, and Java 25 adds in lane order before the JIT has
         * compiled the kernel but in a tree after, so a run's digits depended on when C2 got there (the
         * first configuration of a grid did not repeat its first epoch in the next one).
         */
        private float laneSum(FloatVector v) {
            v.intoArray(lanes, 0);
            float s = 0;
            for (int i = 0; i < LANES; i++) {
                s += lanes[i];
            }
            return s;
        }

        /** λ·‖x‖² of the row at {@code offset}, adding 2λx to its gradient. */
        private double l2(float lambda, float[] x, int offset, float[] grad) {
            if (lambda <= 0) {
                return 0;
            }
            double squares = 0;
            for (int d = 0; d < k; d++) {
                float v = x[offset + d];
                squares += (double) v * v;
                grad[offset + d] += 2 * lambda * v;
            }
            return lambda * squares;
        }

        /** The pair's score; leaves its activations in {@code act}. */
        private double forward(float[] users, int u, float[] items, int v, float[][] act) {
            int h = k / 2;
            VectorConvolution.userSide(w[0], users, u, k, c, userSide);
            VectorConvolution.layer1(userSide, bias[0], items, v, k, c, act[0]);
            int side = h;
            for (int l = 1; l < layers; l++) {
                VectorConvolution.forward(act[l - 1], side, c, w[l], bias[l], act[l]);
                side /= 2;
            }
            float[] last = act[layers - 1];
            double s = 0;
            for (int ch = 0; ch < c; ch++) {
                s += out[ch] * last[ch];
            }
            return s;
        }

        /**
         * Back-propagates dL/dscore = {@code ds} through the pair whose activations are {@code act}:
         * adds to the network's gradient sums and writes dL/du and dL/dv of the pair's rows.
         */
        private void backward(float ds, float[] users, int u, float[] items, int v, float[][] act, float[] userGrads,
                float[] itemGrads) {
            float[] last = act[layers - 1];
            float[] g = grads[layers - 1];
            for (int ch = 0; ch < c; ch++) {
                dout[ch] += ds * last[ch];
                g[ch] = last[ch] > 0 ? ds * out[ch] : 0;
            }
            int side = 1;
            for (int l = layers - 1; l >= 1; l--) {
                convolveBackward(act[l - 1], 2 * side, grads[l], l, grads[l - 1]);
                side *= 2;
            }
            layer1Backward(users, u, items, v, grads[0], userGrads, itemGrads);
        }

        /**
         * Layer l ≥ 2: from dL/d(pre-activation) {@code g} of its half×half×C output, adds to dW and db
         * and writes dL/d(pre-activation) of its input {@code in} (side×side×C) into {@code gIn}.
         * Kernel = stride, so every input position feeds exactly one output position. Both products
         * run over all positions with four accumulators in registers: dW[q][ci][co] += Σ_p in_q[p][ci] ·
         * g[p][co] four input channels at a time, gIn_q[p][ci] = Σ_co W[q][ci][co] · g[p][co] four
         * positions at a time.
         */
        private void convolveBackward(float[] in, int side, float[] g, int l, float[] gIn) {
            int half = side / 2;
            int positions = half * half;
            float[] gb = db[l];
            for (int p = 0; p < positions; p++) {
                for (int ch = 0; ch < c; ch += LANES) {
                    FloatVector.fromArray(SPECIES, g, p * c + ch).add(FloatVector.fromArray(SPECIES, gb, ch))
                            .intoArray(gb, ch);
                }
            }
            for (int q = 0; q < 4; q++) {
                int o = VectorConvolution.offset(q, side, c);
                weightGradient(in, side, half, g, o, dw[l], q * c * c);
                inputGradient(in, side, half, positions, g, o, wt[l], q * c * c, gIn);
            }
        }

        private void weightGradient(float[] in, int side, int half, float[] g, int o, float[] gw, int wq) {
            for (int ch = 0; ch < c; ch += LANES) {
                for (int ci = 0; ci < c; ci += 4) {
                    int row = wq + ci * c + ch;
                    FloatVector a0 = FloatVector.fromArray(SPECIES, gw, row);
                    FloatVector a1 = FloatVector.fromArray(SPECIES, gw, row + c);
                    FloatVector a2 = FloatVector.fromArray(SPECIES, gw, row + 2 * c);
                    FloatVector a3 = FloatVector.fromArray(SPECIES, gw, row + 3 * c);
                    for (int y = 0, gp = ch; y < half; y++) {
                        for (int i = 2 * y * side * c + o + ci, end = i + 2 * half * c; i < end; i += 2 * c, gp += c) {
                            FloatVector gv = FloatVector.fromArray(SPECIES, g, gp);
                            a0 = gv.fma(FloatVector.broadcast(SPECIES, in[i]), a0);
                            a1 = gv.fma(FloatVector.broadcast(SPECIES, in[i + 1]), a1);
                            a2 = gv.fma(FloatVector.broadcast(SPECIES, in[i + 2]), a2);
                            a3 = gv.fma(FloatVector.broadcast(SPECIES, in[i + 3]), a3);
                        }
                    }
                    a0.intoArray(gw, row);
                    a1.intoArray(gw, row + c);
                    a2.intoArray(gw, row + 2 * c);
                    a3.intoArray(gw, row + 3 * c);
                }
            }
        }

        private void inputGradient(float[] in, int side, int half, int positions, float[] g, int o, float[] kernelT,
                int wq, float[] gIn) {
            FloatVector zero = FloatVector.zero(SPECIES);
            int p = 0;
            for (; p + 3 < positions; p += 4) {
                int i0 = VectorConvolution.corner(p, half, side, c) + o;
                int i1 = VectorConvolution.corner(p + 1, half, side, c) + o;
                int i2 = VectorConvolution.corner(p + 2, half, side, c) + o;
                int i3 = VectorConvolution.corner(p + 3, half, side, c) + o;
                int g0 = p * c;
                for (int ch = 0; ch < c; ch += LANES) {
                    FloatVector acc0 = zero;
                    FloatVector acc1 = zero;
                    FloatVector acc2 = zero;
                    FloatVector acc3 = zero;
                    for (int co = 0; co < c; co++) {
                        FloatVector kv = FloatVector.fromArray(SPECIES, kernelT, wq + co * c + ch);
                        acc0 = kv.fma(FloatVector.broadcast(SPECIES, g[g0 + co]), acc0);
                        acc1 = kv.fma(FloatVector.broadcast(SPECIES, g[g0 + c + co]), acc1);
                        acc2 = kv.fma(FloatVector.broadcast(SPECIES, g[g0 + 2 * c + co]), acc2);
                        acc3 = kv.fma(FloatVector.broadcast(SPECIES, g[g0 + 3 * c + co]), acc3);
                    }
                    masked(acc0, in, i0 + ch, gIn);
                    masked(acc1, in, i1 + ch, gIn);
                    masked(acc2, in, i2 + ch, gIn);
                    masked(acc3, in, i3 + ch, gIn);
                }
            }
            for (; p < positions; p++) {
                int i0 = VectorConvolution.corner(p, half, side, c) + o;
                for (int ch = 0; ch < c; ch += LANES) {
                    FloatVector acc = zero;
                    for (int co = 0; co < c; co++) {
                        acc = FloatVector.fromArray(SPECIES, kernelT, wq + co * c + ch)
                                .fma(FloatVector.broadcast(SPECIES, g[p * c + co]), acc);
                    }
                    masked(acc, in, i0 + ch, gIn);
                }
            }
        }

        /** gIn[at..] = acc where the layer's input (a ReLU output) is positive, else 0. */
        private static void masked(FloatVector acc, float[] in, int at, float[] gIn) {
            acc.blend(0f, FloatVector.fromArray(SPECIES, in, at).compare(VectorOperators.LE, 0f)).intoArray(gIn, at);
        }

        /**
         * Layer 1: pre-activation (y, x, c) = b_c + Σ_{dy,dx} W1[dy][dx][c] · u[2y+dy] · v[2x+dx], so with
         * R[y][dx][c] = Σ_x g[y][x][c] · v[2x+dx] and P[x][dy][c] = Σ_y g[y][x][c] · u[2y+dy]:
         * dW1[dy][dx][c] = Σ_y u[2y+dy] · R[y][dx][c], du[2y+dy] = Σ_{dx,c} W1[dy][dx][c] · R[y][dx][c],
         * dv[2x+dx] = Σ_{dy,c} W1[dy][dx][c] · P[x][dy][c].
         */
        private void layer1Backward(float[] users, int u, float[] items, int v, float[] g, float[] userGrads,
                float[] itemGrads) {
            int h = k / 2;
            float[] w1 = w[0];
            float[] gw = dw[0];
            float[] gb = db[0];
            Arrays.fill(r, 0);
            Arrays.fill(p, 0);
            for (int y = 0; y < h; y++) {
                float u0 = users[u + 2 * y];
                float u1 = users[u + 2 * y + 1];
                for (int x = 0; x < h; x++) {
                    float v0 = items[v + 2 * x];
                    float v1 = items[v + 2 * x + 1];
                    int base = (y * h + x) * c;
                    for (int ch = 0; ch < c; ch += LANES) {
                        FloatVector gv = FloatVector.fromArray(SPECIES, g, base + ch);
                        gv.add(FloatVector.fromArray(SPECIES, gb, ch)).intoArray(gb, ch);
                        int ry = y * 2 * c + ch;
                        gv.fma(FloatVector.broadcast(SPECIES, v0), FloatVector.fromArray(SPECIES, r, ry))
                                .intoArray(r, ry);
                        gv.fma(FloatVector.broadcast(SPECIES, v1), FloatVector.fromArray(SPECIES, r, ry + c))
                                .intoArray(r, ry + c);
                        int px = x * 2 * c + ch;
                        gv.fma(FloatVector.broadcast(SPECIES, u0), FloatVector.fromArray(SPECIES, p, px))
                                .intoArray(p, px);
                        gv.fma(FloatVector.broadcast(SPECIES, u1), FloatVector.fromArray(SPECIES, p, px + c))
                                .intoArray(p, px + c);
                    }
                }
            }
            for (int y = 0; y < h; y++) {
                for (int dy = 0; dy < 2; dy++) {
                    float uy = users[u + 2 * y + dy];
                    FloatVector sum = FloatVector.zero(SPECIES);
                    for (int dx = 0; dx < 2; dx++) {
                        int q = (dy * 2 + dx) * c;
                        int ry = (y * 2 + dx) * c;
                        for (int ch = 0; ch < c; ch += LANES) {
                            FloatVector rv = FloatVector.fromArray(SPECIES, r, ry + ch);
                            rv.fma(FloatVector.broadcast(SPECIES, uy), FloatVector.fromArray(SPECIES, gw, q + ch))
                                    .intoArray(gw, q + ch);
                            sum = rv.fma(FloatVector.fromArray(SPECIES, w1, q + ch), sum);
                        }
                    }
                    userGrads[u + 2 * y + dy] = laneSum(sum);
                }
            }
            for (int x = 0; x < h; x++) {
                for (int dx = 0; dx < 2; dx++) {
                    FloatVector sum = FloatVector.zero(SPECIES);
                    for (int dy = 0; dy < 2; dy++) {
                        int q = (dy * 2 + dx) * c;
                        int px = (x * 2 + dy) * c;
                        for (int ch = 0; ch < c; ch += LANES) {
                            sum = FloatVector.fromArray(SPECIES, p, px + ch)
                                    .fma(FloatVector.fromArray(SPECIES, w1, q + ch), sum);
                        }
                    }
                    itemGrads[v + 2 * x + dx] = laneSum(sum);
                }
            }
        }
    }
}
