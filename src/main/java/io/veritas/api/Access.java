package io.veritas.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Who may call the API. Writes ({@code POST /v1/documents}, {@code :bulk}) always need the write token, because
 * anyone who can reach the port could otherwise fill the index; reads need the read token (or the write token)
 * only when one is set. Clients send {@code Authorization: Bearer TOKEN}.
 *
 * @param writeToken the token writes need; never null
 * @param readToken  the token reads need, or null when reads are open
 */
public record Access(String writeToken, String readToken) {
    /** The file in the data folder that keeps the write token across restarts when none is given. */
    public static final String TOKEN_FILE = "api-token";

    private static final SecureRandom RANDOM = new SecureRandom();

    public Access {
        String problem = problem(writeToken);
        if (problem != null) {
            throw new IllegalArgumentException("the write token " + problem);
        }
        if (readToken != null && (problem = problem(readToken)) != null) {
            throw new IllegalArgumentException("the read token " + problem);
        }
    }

    /** Why a token cannot be used (it must travel in an HTTP header), or null when it can. Never shows the token. */
    public static String problem(String token) {
        if (token == null || token.isEmpty()) {
            return "is empty";
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                return "has a character that cannot be sent in an HTTP header (position " + (i + 1)
                        + "); use printable ASCII without spaces";
            }
        }
        return null;
    }

    /** A new token: 32 bytes (256 bits) from {@link SecureRandom}, URL-safe Base64 without padding. */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A token read from a file, and whether it was generated and saved just now. */
    public record Saved(String token, boolean created) {
    }

    /**
     * The token saved in {@code file}; when there is none, a new one, saved there (readable by the owner only where
     * the file system has POSIX permissions) so that a restart keeps the token clients already have.
     */
    public static Saved loadOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            String token = generate();
            try {
                if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } else {
                    Files.createFile(file);
                }
                Files.writeString(file, token + "\n", StandardCharsets.US_ASCII);
                return new Saved(token, true);
            } catch (FileAlreadyExistsException raced) {
                // another process saved one first: use that
            }
        }
        String token = Files.readString(file, StandardCharsets.UTF_8).strip();
        String problem = problem(token);
        if (problem != null) {
            throw new IllegalArgumentException(file + " does not hold a usable token (it " + problem
                    + "); delete the file to have a new token generated, or give one with --token");
        }
        return new Saved(token, false);
    }

    /** Whether {@code presented} (null when none was sent) may write. */
    boolean allowsWrite(String presented) {
        return same(presented, writeToken);
    }

    /** Whether {@code presented} may read: anyone when there is no read token, else the read or the write token. */
    boolean allowsRead(String presented) {
        return readToken == null || same(presented, readToken) || same(presented, writeToken);
    }

    /**
     * Compares in constant time: both sides are hashed first, so neither the content nor the length of the real
     * token can be learned from how long a wrong guess takes.
     */
    static boolean same(String presented, String expected) {
        if (presented == null || expected == null) {
            return false;
        }
        try {
            MessageDigest a = MessageDigest.getInstance("SHA-256");
            MessageDigest b = MessageDigest.getInstance("SHA-256");
            return MessageDigest.isEqual(a.digest(presented.getBytes(StandardCharsets.UTF_8)),
                    b.digest(expected.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256, which every Java platform must have", e);
        }
    }

    @Override
    public String toString() {
        return "Access[writeToken=(hidden), readToken=" + (readToken == null ? "none" : "(hidden)") + "]";
    }
}
