package org.convncf.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.convncf.trainer.data.DataFiles.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetLoaderTest {

    @TempDir
    Path dir;

    private static final CsvReader.Options CSV = CsvReader.Options.DEFAULT;

    /** The layout of ../shared/data/lastfm-deepcf: big files gzipped, the test ratings plain. */
    private Path ncfDir() {
        Path d = dir.resolve("lastfm");
        write(d, "lastfm.train.rating.gz", "0\t1\t3\r\n0\t2\t1\r\n1\t2\t7\r\n");
        write(d, "lastfm.test.rating", "0\t3\t1\n1\t1\t1\n");
        write(d, "lastfm.test.negative.gz", "(0,3)\t4\t5\r\n(1,1)\t4\t0\r\n");
        write(d, "README.md", "# notes\n");
        return d;
    }

    private Path lightgcnDir() {
        Path d = dir.resolve("gowalla");
        write(d, "train.txt.gz", "0 1 2\n1 2 3\n");
        write(d, "valid.txt", "0 3\n");
        write(d, "test.txt.gz", "0 4\n1 1\n");
        write(d, "user_list.txt.gz", "org_id remap_id\n");
        return d;
    }

    @Test
    void detectsEachLayoutFromDirectoriesAndFiles() throws IOException {
        Path ncf = ncfDir();
        assertThat(DatasetLoader.detect(ncf)).isEqualTo(DataFormat.NCF);
        assertThat(DatasetLoader.detect(ncf.resolve("lastfm.train.rating.gz"))).isEqualTo(DataFormat.NCF);
        Path lg = lightgcnDir();
        assertThat(DatasetLoader.detect(lg)).isEqualTo(DataFormat.LIGHTGCN);
        assertThat(DatasetLoader.detect(lg.resolve("train.txt.gz"))).isEqualTo(DataFormat.LIGHTGCN);
        Path ml = dir.resolve("ml");
        write(ml, "u.data.gz", "1\t2\t3\t4\n");
        write(ml, "u.item", "1|Toy Story\n");
        assertThat(DatasetLoader.detect(ml)).isEqualTo(DataFormat.MOVIELENS);
        assertThat(DatasetLoader.detect(ml.resolve("u.data.gz"))).isEqualTo(DataFormat.MOVIELENS);
        Path ml1m = dir.resolve("ml1m");
        write(ml1m, "ratings.dat", "1::2::3::4\n");
        write(ml1m, "movies.dat", "1::Toy Story::Animation\n");
        assertThat(DatasetLoader.detect(ml1m)).isEqualTo(DataFormat.MOVIELENS);
        Path csv = dir.resolve("own");
        write(csv, "events.tsv.gz", "u\ti\n");
        assertThat(DatasetLoader.detect(csv)).isEqualTo(DataFormat.CSV);
        assertThat(DatasetLoader.detect(write(dir, "log.csv", "u,i\n"))).isEqualTo(DataFormat.CSV);
        assertThat(DatasetLoader.detect(write(dir, "anything.dat", "u,i\n"))).isEqualTo(DataFormat.CSV);
    }

    @Test
    void undetectableDirectoryNamesWhatItFound() {
        Path d = dir.resolve("yelp");
        write(d, "user_business.dat.gz", "1\t2\t5\n");
        assertThatThrownBy(() -> DatasetLoader.detect(d)).isInstanceOf(IOException.class)
                .hasMessageContaining("cannot tell the data format").hasMessageContaining("user_business.dat");
    }

    @Test
    void loadsNcfDirectoryWithGzippedTrainAndPlainTest() throws IOException {
        LoadedDataset d = DatasetLoader.load(ncfDir(), DataFormat.AUTO, CSV);
        assertThat(d.name()).isEqualTo("lastfm");
        assertThat(d.train().size()).isEqualTo(3);
        assertThat(d.test()).as("test.rating next to a gzipped train.rating").isPresent();
        HeldOut test = d.test().orElseThrow();
        assertThat(test.size()).isEqualTo(2);
        assertThat(test.hasNegatives()).isTrue();
        assertThat(test.negativesOf(0)).hasSize(2);
    }

    @Test
    void loadsNcfFromTheTrainFileItself() throws IOException {
        Path ncf = ncfDir();
        LoadedDataset d = DatasetLoader.load(ncf.resolve("lastfm.train.rating.gz"), DataFormat.AUTO, CSV);
        assertThat(d.name()).isEqualTo("lastfm");
        assertThat(d.test()).isPresent();
        assertThat(d.test().orElseThrow().hasNegatives()).isTrue();
    }

    @Test
    void loadsNcfWithPlainFilesAndNoTest() throws IOException {
        Path d = dir.resolve("plain");
        write(d, "x.train.rating", "0\t1\t1\n");
        LoadedDataset data = DatasetLoader.load(d, DataFormat.NCF, CSV);
        assertThat(data.test()).isEmpty();
        assertThat(data.train().size()).isEqualTo(1);
    }

    @Test
    void twoNcfTrainFilesAreAmbiguous() {
        Path d = dir.resolve("two");
        write(d, "a.train.rating", "0\t1\t1\n");
        write(d, "b.train.rating.gz", "0\t1\t1\n");
        assertThatThrownBy(() -> DatasetLoader.load(d, DataFormat.AUTO, CSV)).isInstanceOf(IOException.class)
                .hasMessageContaining("expected exactly one *.train.rating");
    }

    @Test
    void loadsLightGcnDirectory() throws IOException {
        LoadedDataset d = DatasetLoader.load(lightgcnDir(), DataFormat.AUTO, CSV);
        assertThat(d.name()).isEqualTo("gowalla");
        assertThat(d.train().size()).isEqualTo(4);
        assertThat(d.validation().orElseThrow().size()).isEqualTo(1);
        assertThat(d.test().orElseThrow().size()).isEqualTo(2);
    }

    @Test
    void lightGcnNeedsTrainTxt() {
        Path d = dir.resolve("lg");
        write(d, "test.txt", "0 1\n");
        assertThatThrownBy(() -> DatasetLoader.load(d, DataFormat.LIGHTGCN, CSV))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("train.txt");
    }

    @Test
    void loadsMovieLensDirectoryAndFileWithMinRating() throws IOException {
        Path ml = dir.resolve("ml-100k");
        write(ml, "u.data.gz", "1\t10\t5\t20\n1\t11\t2\t10\n2\t10\t4\t5\n");
        LoadedDataset all = DatasetLoader.load(ml, DataFormat.AUTO, CSV);
        assertThat(all.name()).isEqualTo("ml-100k");
        assertThat(all.train().size()).isEqualTo(3);
        assertThat(all.train().hasTimestamps()).isTrue();
        LoadedDataset high = DatasetLoader.load(ml.resolve("u.data.gz"), DataFormat.AUTO,
                new CsvReader.Options((char) 0, null, 4));
        assertThat(high.train().size()).isEqualTo(2);
        assertThat(high.name()).isEqualTo("u");
        Path ml1m = dir.resolve("ml-1m");
        write(ml1m, "ratings.dat.gz", "1::10::5::20\n");
        assertThat(DatasetLoader.load(ml1m, DataFormat.MOVIELENS, CSV).train().size()).isEqualTo(1);
    }

    @Test
    void nullCsvOptionsMeanTheDefaults() throws IOException {
        Path ml = dir.resolve("ml");
        write(ml, "u.data", "1\t10\t5\t20\n");
        assertThat(DatasetLoader.load(ml, DataFormat.AUTO, null).train().size()).isEqualTo(1);
        Path csv = write(dir, "events.csv", "u,i\n");
        assertThat(DatasetLoader.load(csv, DataFormat.AUTO, null).train().size()).isEqualTo(1);
    }

    @Test
    void loadsCsvFileAndDirectoryWithOneCsv() throws IOException {
        Path file = write(dir, "events.csv.gz", "user,item,timestamp\na,x,2\na,y,1\n");
        LoadedDataset d = DatasetLoader.load(file, DataFormat.AUTO, CSV);
        assertThat(d.name()).isEqualTo("events");
        assertThat(d.train().hasTimestamps()).isTrue();
        Path own = dir.resolve("mine");
        write(own, "log.tsv", "a\tx\n");
        write(own, "notes.txt", "hello\n");
        assertThat(DatasetLoader.load(own, DataFormat.AUTO, CSV).train().size()).isEqualTo(1);
        write(own, "more.csv", "a,x\n");
        assertThatThrownBy(() -> DatasetLoader.load(own, DataFormat.CSV, CSV)).isInstanceOf(IOException.class)
                .hasMessageContaining("expected exactly one .csv or .tsv file, found 2");
    }

    @Test
    void explicitCsvFormatReadsAnyFileName() throws IOException {
        Path file = write(dir, "user_business.dat", "1\t8391\t5\n1\t8971\t2\n");
        CsvReader.Options options = new CsvReader.Options((char) 0, CsvReader.Options.parseColumns("user,item,rating"), 3);
        LoadedDataset d = DatasetLoader.load(file, DataFormat.CSV, options);
        assertThat(d.train().size()).isEqualTo(1);
        assertThat(d.name()).isEqualTo("user_business");
    }

    @Test
    void missingPathAndSyntheticFormat() {
        assertThatThrownBy(() -> DatasetLoader.load(dir.resolve("nope"), DataFormat.AUTO, CSV))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> DatasetLoader.load(dir, DataFormat.SYNTHETIC, CSV))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SyntheticDataset");
    }

    @Test
    void dataFormatParse() {
        assertThat(DataFormat.parse(" LightGCN ")).isEqualTo(DataFormat.LIGHTGCN);
        assertThat(DataFormat.parse("auto")).isEqualTo(DataFormat.AUTO);
        assertThatThrownBy(() -> DataFormat.parse("parquet")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown data format 'parquet'");
    }

    @Test
    void datasetNames() throws IOException {
        assertThat(DatasetLoader.datasetName(Files.createDirectories(dir.resolve("amazon-toy")))).isEqualTo("amazon-toy");
        assertThat(DatasetLoader.datasetName(write(dir, "AToy.train.rating.gz", "0\t1\t1\n"))).isEqualTo("AToy");
    }
}
