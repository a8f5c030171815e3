package org.convncf.trainer.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 fingerprints of datasets and splits: ints are digested as little-endian bytes. */
public final class Fingerprints {

    private Fingerprints() {
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The digest as 64 lower-case hex digits. */
    public static String hex(MessageDigest sha) {
        return HexFormat.of().formatHex(sha.digest());
    }

    static void digestInt(MessageDigest sha, int v) {
        sha.update(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
    }

    static void digestInts(MessageDigest sha, int[] values) {
        ByteBuffer buf = ByteBuffer.allocate(4 * 8192).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            flushIfFull(sha, buf).putInt(v);
        }
        sha.update(buf.array(), 0, buf.position());
    }

    static void digestLongs(MessageDigest sha, long[] values) {
        ByteBuffer buf = ByteBuffer.allocate(8 * 4096).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            flushIfFull(sha, buf).putLong(v);
        }
        sha.update(buf.array(), 0, buf.position());
    }

    private static ByteBuffer flushIfFull(MessageDigest sha, ByteBuffer buf) {
        if (!buf.hasRemaining()) {
            sha.update(buf.array(), 0, buf.position());
            buf.clear();
        }
        return buf;
    }
}
