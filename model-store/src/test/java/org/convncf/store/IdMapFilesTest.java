package org.convncf.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdMapFilesTest {

    @TempDir
    Path dir;

    private Path file(String content) throws IOException {
        return Files.writeString(dir.resolve("users.txt"), content, StandardCharsets.UTF_8);
    }

    @Test
    void roundTripsOneIdPerLineInInternalOrder() throws IOException {
        IdMap ids = IdMap.of(List.of("42", "zoë", "用户", "a b\tc"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        IdMapFiles.write(ids, out);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("42\nzoë\n用户\na b\tc\n");
        assertThat(IdMapFiles.read(Files.write(dir.resolve("ids.txt"), out.toByteArray()))).isEqualTo(ids);
    }

    @Test
    void emptyFileIsAnEmptyMap() throws IOException {
        assertThat(IdMapFiles.read(file("")).size()).isZero();
    }

    @Test
    void invalidContentIsRefusedNamingFileAndLine() throws IOException {
        Path f = file("a\nb\na\n");
        assertThatThrownBy(() -> IdMapFiles.read(f)).isInstanceOf(ModelStoreException.class)
                .hasMessage(f + ": line 3: duplicate id 'a' (first on line 1)");
        file("a\n\nb\n");
        assertThatThrownBy(() -> IdMapFiles.read(f)).hasMessage(f + ": line 2: empty id");
        file("a\nb");
        assertThatThrownBy(() -> IdMapFiles.read(f)).hasMessageContaining("does not end with a newline");
        file("a\r\nb\r\n");
        assertThatThrownBy(() -> IdMapFiles.read(f)).hasMessage(f + ": line 1: carriage return in id; lines must end with \\n");
        Files.write(f, new byte[] {'a', (byte) 0xff, '\n'});
        assertThatThrownBy(() -> IdMapFiles.read(f)).hasMessage(f + ": not valid UTF-8");
    }
}
