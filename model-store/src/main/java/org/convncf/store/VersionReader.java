package org.convncf.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;

/**
 * Verifies a version directory completely and only then loads it. Used for opening published
 * versions and for checking a staging directory before it is published, so writer and readers agree
 * on what a valid version is.
 */
final class VersionReader {

    private VersionReader() {}

    /**
     * Verifies and loads the version in {@code dir}, which must belong to {@code model} and be named
     * {@code version} (the staging directory of a publish is checked against the names it will get).
     *
     * @throws ModelStoreException naming the offending file if anything is wrong
     */
    static ModelArtifact open(Path dir, String model, String version) {
        Manifest manifest = readManifest(dir, model, version);
        checkListing(dir, manifest);
        for (Map.Entry<String, Manifest.FileEntry> file : manifest.files().entrySet()) {
            verify(dir.resolve(file.getKey()), file.getValue());
        }
        SafeTensors.Contents tensors = SafeTensors.read(dir.resolve(Names.TENSORS));
        IdMap users = IdMapFiles.read(dir.resolve(Names.USERS));
        IdMap items = IdMapFiles.read(dir.resolve(Names.ITEMS));
        return new ModelArtifact(dir, manifest, tensors.tensors(), users, items);
    }

    /** Reads the manifest of {@code dir} and checks that it describes {@code model}/{@code version}. */
    static Manifest readManifest(Path dir, String model, String version) {
        Path file = dir.resolve(Names.MANIFEST);
        Manifest manifest = ManifestJson.read(file);
        if (!manifest.model().equals(model)) {
            throw new ModelStoreException(file,
                    "names model '" + manifest.model() + "' but is stored under model '" + model + "'");
        }
        if (!manifest.version().equals(version)) {
            throw new ModelStoreException(file,
                    "names version '" + manifest.version() + "' but is stored as version '" + version + "'");
        }
        for (String standard : Names.STANDARD_FILES) {
            if (!manifest.files().containsKey(standard)) {
                throw new ModelStoreException(file, "does not list the required file " + standard);
            }
        }
        return manifest;
    }

    /** A version directory holds exactly the manifest and the files it lists, all regular files. */
    private static void checkListing(Path dir, Manifest manifest) {
        for (String name : manifest.files().keySet()) {
            Path file = dir.resolve(name);
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new ModelStoreException(file, "listed in manifest.json but missing");
            }
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new ModelStoreException(file, "listed in manifest.json but not a regular file");
            }
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.equals(Names.MANIFEST) && !manifest.files().containsKey(name)) {
                    throw new ModelStoreException(entry,
                            "not listed in manifest.json; a published version must not change");
                }
            }
        } catch (IOException e) {
            throw new ModelStoreException(dir, "cannot list: " + e.getMessage(), e);
        }
    }

    private static void verify(Path file, Manifest.FileEntry expected) {
        Manifest.FileEntry actual;
        try {
            long size = Files.size(file);
            if (size != expected.bytes()) {
                throw new ModelStoreException(file,
                        "size mismatch (expected " + expected.bytes() + " bytes, found " + size + ")");
            }
            actual = FileOps.digest(file);
        } catch (IOException e) {
            throw new ModelStoreException(file, "cannot read: " + e.getMessage(), e);
        }
        if (!actual.equals(expected)) {
            throw new ModelStoreException(file,
                    "SHA-256 mismatch (expected " + expected.sha256() + ", found " + actual.sha256() + ")");
        }
    }
}
