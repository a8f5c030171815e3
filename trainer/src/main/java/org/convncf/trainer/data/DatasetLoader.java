package org.convncf.trainer.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and reads a dataset from a directory or a file, in a given format or one detected from the
 * file names. Every file may be gzipped ({@code name} or {@code name.gz}).
 *
 * <table>
 *   <caption>What each format expects</caption>
 *   <tr><th>format</th><th>files</th></tr>
 *   <tr><td>ncf</td><td>{@code P.train.rating}, optional {@code P.test.rating} and {@code P.test.negative}</td></tr>
 *   <tr><td>lightgcn</td><td>{@code train.txt}, optional {@code valid.txt} and {@code test.txt}</td></tr>
 *   <tr><td>movielens</td><td>{@code u.data} or {@code ratings.dat}</td></tr>
 *   <tr><td>csv</td><td>one delimited file (or a directory holding exactly one {@code *.csv}/{@code *.tsv})</td></tr>
 * </table>
 */
public final class DatasetLoader {

    private static final Logger log = LoggerFactory.getLogger(DatasetLoader.class);

    private DatasetLoader() {
    }

    public static LoadedDataset load(Path path, DataFormat format, CsvReader.Options csvOptions) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "no such data file or directory");
        }
        if (csvOptions == null) {
            csvOptions = CsvReader.Options.DEFAULT;
        }
        DataFormat resolved = format == DataFormat.AUTO ? detect(path) : format;
        String name = datasetName(path);
        LoadedDataset data = switch (resolved) {
            case NCF -> {
                Path train = findNcf(path, ".train.rating");
                String prefix = strip(strip(train.getFileName().toString(), ".gz"), ".train.rating");
                Path dir = train.getParent();
                yield NcfReader.read(name, train,
                        optional(dir, prefix + ".test.rating"), optional(dir, prefix + ".test.negative"));
            }
            case LIGHTGCN -> {
                Path dir = Files.isDirectory(path) ? path : path.getParent();
                yield AdjacencyListReader.read(name, required(dir, "train.txt"),
                        optional(dir, "valid.txt"), optional(dir, "test.txt"));
            }
            case MOVIELENS -> {
                Path file = Files.isDirectory(path) ? firstPresent(path, "u.data", "ratings.dat") : path;
                yield MovieLensReader.read(name, file, csvOptions.minRating());
            }
            case CSV -> CsvReader.read(name, Files.isDirectory(path) ? singleDelimitedFile(path) : path, csvOptions);
            case SYNTHETIC -> throw new IllegalArgumentException("the synthetic dataset is generated, not read from "
                    + path + "; use SyntheticDataset");
            case AUTO -> throw new IllegalStateException();
        };
        log.info("Read {} ({} format)", data.describe(), resolved.name().toLowerCase(java.util.Locale.ROOT));
        return data;
    }

    /** Detects the format from the file names at {@code path}. */
    public static DataFormat detect(Path path) throws IOException {
        if (Files.isRegularFile(path)) {
            String f = strip(path.getFileName().toString(), ".gz");
            if (f.endsWith(".rating")) {
                return DataFormat.NCF;
            }
            if (f.equals("u.data") || f.equals("ratings.dat")) {
                return DataFormat.MOVIELENS;
            }
            if (f.equals("train.txt")) {
                return DataFormat.LIGHTGCN;
            }
            return DataFormat.CSV;
        }
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(path)) {
            files.forEach(p -> names.add(strip(p.getFileName().toString(), ".gz")));
        }
        if (names.stream().anyMatch(n -> n.endsWith(".train.rating"))) {
            return DataFormat.NCF;
        }
        if (names.contains("train.txt")) {
            return DataFormat.LIGHTGCN;
        }
        if (names.contains("u.data") || names.contains("ratings.dat")) {
            return DataFormat.MOVIELENS;
        }
        if (names.stream().anyMatch(n -> n.endsWith(".csv") || n.endsWith(".tsv"))) {
            return DataFormat.CSV;
        }
        throw new IOException(path + ": cannot tell the data format from the file names " + names
                + "; expected P.train.rating (ncf), train.txt (lightgcn), u.data or ratings.dat (movielens)"
                + " or a .csv/.tsv file");
    }

    /** The dataset's name: the directory's (or the file's, without extensions). */
    static String datasetName(Path path) {
        Path name = path.toAbsolutePath().normalize().getFileName();
        if (name == null) {
            return "dataset";
        }
        String n = name.toString();
        if (Files.isRegularFile(path)) {
            n = strip(n, ".gz");
            int dot = n.indexOf('.');
            if (dot > 0) {
                n = n.substring(0, dot);
            }
        }
        return n;
    }

    private static Path findNcf(Path path, String suffix) throws IOException {
        if (Files.isRegularFile(path)) {
            return path;
        }
        try (Stream<Path> files = Files.list(path)) {
            List<Path> matches = files.filter(p -> strip(p.getFileName().toString(), ".gz").endsWith(suffix)).sorted().toList();
            if (matches.size() != 1) {
                throw new IOException(path + ": expected exactly one *" + suffix + "[.gz] file, found " + matches.size());
            }
            return matches.get(0);
        }
    }

    private static Path singleDelimitedFile(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> matches = files.filter(p -> {
                String n = strip(p.getFileName().toString(), ".gz");
                return n.endsWith(".csv") || n.endsWith(".tsv");
            }).sorted().toList();
            if (matches.size() != 1) {
                throw new IOException(dir + ": expected exactly one .csv or .tsv file, found " + matches.size());
            }
            return matches.get(0);
        }
    }

    private static Path firstPresent(Path dir, String... names) throws IOException {
        for (String n : names) {
            Path p = optional(dir, n);
            if (p != null) {
                return p;
            }
        }
        throw new NoSuchFileException(dir.resolve(names[0]).toString(), null, "none of " + List.of(names) + " found");
    }

    private static Path required(Path dir, String name) throws IOException {
        Path p = optional(dir, name);
        if (p == null) {
            throw new NoSuchFileException(dir.resolve(name).toString(), null, "required data file (or " + name + ".gz) missing");
        }
        return p;
    }

    /** {@code dir/name} or {@code dir/name.gz}, whichever exists, else null. */
    static Path optional(Path dir, String name) {
        Path plain = dir.resolve(name);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        Path gz = dir.resolve(name + ".gz");
        return Files.isRegularFile(gz) ? gz : null;
    }

    private static String strip(String s, String suffix) {
        return s.endsWith(suffix) ? s.substring(0, s.length() - suffix.length()) : s;
    }
}
