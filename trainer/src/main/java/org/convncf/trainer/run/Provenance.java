package org.convncf.trainer.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.convncf.nn.ConvNcfScorers;
import org.convncf.nn.VectorConvolution;

/**
 * Where a result comes from: the commit the trainer was built from, and the machine it ran on. The
 * digits of a trained model depend on both — ConvNCF's fused kernel rounds its sums by the CPU's vector
 * width — so every {@code results.md}, trial record and published manifest records them, and a figure
 * can be traced to the code and the machine that made it.
 *
 * @param commit     the git commit of the build, or {@link #UNKNOWN} for a build outside a git checkout
 * @param dirty      whether the build's working tree had uncommitted changes (false where unknown)
 * @param java       the JVM's version
 * @param cpu        the CPU's model name ({@code /proc/cpuinfo}), or the architecture where there is none
 * @param processors processors the JVM sees
 * @param vectorBits the Vector API's preferred vector width in bits, 0 where the module is not enabled
 */
public record Provenance(String commit, boolean dirty, String java, String cpu, int processors, int vectorBits) {

    public static final String UNKNOWN = "unknown";

    /** Written by the build (git-commit-id-maven-plugin, see trainer/pom.xml). */
    static final String GIT_PROPERTIES = "/org/convncf/trainer/git.properties";

    private static final Provenance CURRENT = new Provenance(buildProperties(), Path.of("/proc/cpuinfo"));

    /** This trainer's build and this machine. */
    public static Provenance current() {
        return CURRENT;
    }

    /** From the build's git properties and a {@code /proc/cpuinfo}-style file (absent: the architecture). */
    Provenance(Properties git, Path cpuinfo) {
        this(git.getProperty("git.commit.id", UNKNOWN), Boolean.parseBoolean(git.getProperty("git.dirty")),
                Runtime.version().toString(), cpuModel(cpuinfo).orElse(System.getProperty("os.arch")),
                Runtime.getRuntime().availableProcessors(), detectVectorBits());
    }

    /** The commit abbreviated as git does (7 digits), marked where the tree had uncommitted changes. */
    public String build() {
        String id = commit.equals(UNKNOWN) ? "commit unknown (built outside a git checkout)"
                : "commit " + commit.substring(0, Math.min(7, commit.length()));
        return id + (dirty ? " with uncommitted changes" : "");
    }

    /** One line for a results file: build, Java, CPU, and the engine threads of the run. */
    public String describe(int engineThreads) {
        return String.format(Locale.ROOT, "trainer %s; Java %s; %s, %d processors, %s; engine threads %s", build(), java,
                cpu, processors, vectorBits > 0 ? vectorBits + "-bit Vector API" : "Vector API not enabled",
                engineThreads > 0 ? Integer.toString(engineThreads) : "the engine's default");
    }

    /** The fields by name, for manifests and trial records. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trainerCommit", commit);
        m.put("trainerDirty", dirty);
        m.put("java", java);
        m.put("cpu", cpu);
        m.put("processors", processors);
        m.put("vectorBits", vectorBits);
        return m;
    }

    /**
     * The first processor's {@code model name} from Linux's /proc/cpuinfo on x86, with its
     * {@code cpu family} and {@code model} numbers where given: virtual machines often name only the
     * vendor line ("AMD EPYC"), and the numbers tell its generations apart.
     */
    static Optional<String> cpuModel(Path cpuinfo) {
        if (!Files.isReadable(cpuinfo)) {
            return Optional.empty();
        }
        Map<String, String> first = new LinkedHashMap<>();
        try (Stream<String> lines = Files.lines(cpuinfo)) {
            lines.filter(l -> l.indexOf(':') > 0).forEach(l -> first.putIfAbsent(
                    l.substring(0, l.indexOf(':')).trim(), l.substring(l.indexOf(':') + 1).trim()));
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
        String name = first.getOrDefault("model name", "");
        if (name.isEmpty()) {
            return Optional.empty();
        }
        String family = first.get("cpu family");
        String model = first.get("model");
        return Optional.of(family == null || model == null ? name : name + " (family " + family + ", model " + model + ")");
    }

    private static Properties buildProperties() {
        Properties p = new Properties();
        try (InputStream in = Provenance.class.getResourceAsStream(GIT_PROPERTIES)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // unreadable: the commit stays unknown, which is what the record then says
        }
        return p;
    }

    private static int detectVectorBits() {
        return ConvNcfScorers.vectorModuleEnabled() ? VectorConvolution.vectorBits() : 0;
    }
}
