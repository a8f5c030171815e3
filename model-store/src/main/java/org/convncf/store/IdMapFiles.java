package org.convncf.store;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The {@code users.txt}/{@code items.txt} form of an {@link IdMap}: UTF-8, one external id per line,
 * every line ending with {@code \n}, in internal-id order.
 */
final class IdMapFiles {

    private IdMapFiles() {}

    /** Writes {@code ids} to {@code out}, which is left open; ids that are not valid UTF-16 are refused. */
    static void write(IdMap ids, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8.newEncoder());
        for (int i = 0; i < ids.size(); i++) {
            writer.write(ids.externalId(i));
            writer.write('\n');
        }
        writer.flush();
    }

    /**
     * Reads an id file.
     *
     * @throws ModelStoreException naming the file (and line) if it is missing, not UTF-8, truncated, or
     *     holds an empty or duplicate id
     */
    static IdMap read(Path file) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (NoSuchFileException e) {
            throw new ModelStoreException(file, "file is missing", e);
        } catch (CharacterCodingException e) {
            throw new ModelStoreException(file, "not valid UTF-8", e);
        } catch (IOException e) {
            throw new ModelStoreException(file, "cannot read: " + e.getMessage(), e);
        }
        if (!text.isEmpty() && text.charAt(text.length() - 1) != '\n') {
            throw new ModelStoreException(file, "the last line does not end with a newline; the file is truncated");
        }
        IdMap.Builder ids = new IdMap.Builder();
        int line = 0;
        for (int start = 0; start < text.length(); ) {
            int end = text.indexOf('\n', start);
            String id = text.substring(start, end);
            line++;
            if (id.isEmpty()) {
                throw new ModelStoreException(file, "line " + line + ": empty id");
            }
            if (id.indexOf('\r') >= 0) {
                throw new ModelStoreException(file, "line " + line + ": carriage return in id; lines must end with \\n");
            }
            int expected = ids.size();
            int index = ids.intern(id);
            if (index != expected) {
                throw new ModelStoreException(file,
                        "line " + line + ": duplicate id '" + id + "' (first on line " + (index + 1) + ")");
            }
            start = end + 1;
        }
        return ids.build();
    }
}
