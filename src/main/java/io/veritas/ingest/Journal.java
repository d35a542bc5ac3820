package io.veritas.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * The ingest journal: every item a stream source (HTTP, feeds, Kafka) hands over is appended here and forced to
 * disk before it is acknowledged. After a crash, items past the last index commit are replayed, so nothing
 * acknowledged is lost, and ids make the replay idempotent.
 *
 * <p>Segments {@code journal-<first seq>.log} hold records {@code [seq:8][length:4][crc32:4][json payload]}.
 * A record cut short by a crash (never acknowledged, because the force had not returned) ends the replay and
 * is truncated away before new records are appended. Segments wholly below a committed sequence number are
 * deleted by {@link #prune}. One writer at a time; {@link #append} and {@link #sync} are thread-safe.
 */
public final class Journal implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SEGMENT_BYTES = 64L << 20;
    private static final int HEADER = 16;

    private final Path dir;
    private FileChannel channel;
    private Path current;
    private long nextSeq;
    private long syncedSeq;
    private long appendedSeq;

    private Journal(Path dir) {
        this.dir = dir;
    }

    /** Opens the journal in {@code dir}, repairing a torn tail; {@code next} tells the next sequence number. */
    public static Journal open(Path dir) {
        Journal j = new Journal(dir);
        try {
            Files.createDirectories(dir);
            long last = 0;
            for (Path segment : segments(dir)) {
                last = Math.max(last, j.scan(segment, true));
            }
            j.nextSeq = last + 1;
            j.syncedSeq = last;
            j.appendedSeq = last;
            j.roll();
            return j;
        } catch (IOException e) {
            throw new UncheckedIOException("could not open the ingest journal in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Appends an item and returns its sequence number; it is durable once {@link #sync} has returned. */
    public synchronized long append(RawItem item) {
        byte[] payload = encode(item);
        long seq = nextSeq++;
        CRC32 crc = new CRC32();
        crc.update(payload);
        ByteBuffer buf = ByteBuffer.allocate(HEADER + payload.length);
        buf.putLong(seq).putInt(payload.length).putInt((int) crc.getValue()).put(payload).flip();
        try {
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            appendedSeq = seq;
            if (channel.size() >= SEGMENT_BYTES) {
                channel.force(false);
                syncedSeq = seq;
                roll();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write to the ingest journal: " + e.getMessage(), e);
        }
        return seq;
    }

    /** Forces everything appended so far to disk. */
    public synchronized void sync() {
        if (syncedSeq == appendedSeq) {
            return;
        }
        try {
            channel.force(false);
            syncedSeq = appendedSeq;
        } catch (IOException e) {
            throw new UncheckedIOException("could not force the ingest journal to disk: " + e.getMessage(), e);
        }
    }

    public synchronized long lastSeq() {
        return appendedSeq;
    }

    /** Feeds every record with a sequence number above {@code afterSeq} to {@code consumer}, in order. */
    public void replay(long afterSeq, Consumer<Record> consumer) {
        try {
            for (Path segment : segments(dir)) {
                read(segment, afterSeq, true, consumer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the ingest journal: " + e.getMessage(), e);
        }
    }

    /** A journaled item with its sequence number. */
    public record Record(long seq, RawItem item) {
    }

    /** Deletes segments whose records are all at or below {@code committedSeq} (they are in the index). */
    public synchronized void prune(long committedSeq) {
        try {
            List<Path> all = segments(dir);
            for (int i = 0; i + 1 < all.size(); i++) {
                long nextFirst = firstSeq(all.get(i + 1));
                if (nextFirst - 1 <= committedSeq && !all.get(i).equals(current)) {
                    Files.deleteIfExists(all.get(i));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not prune the ingest journal: " + e.getMessage(), e);
        }
    }

    private void roll() throws IOException {
        if (channel != null) {
            channel.close();
        }
        current = dir.resolve(String.format("journal-%016d.log", nextSeq));
        channel = FileChannel.open(current, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    private static List<Path> segments(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("journal-\\d{16}\\.log")).sorted().toList();
        }
    }

    private static long firstSeq(Path segment) {
        String name = segment.getFileName().toString();
        return Long.parseLong(name.substring(8, 24));
    }

    /** The last good sequence number in a segment; with {@code repair}, cuts off a torn tail. */
    private long scan(Path segment, boolean repair) throws IOException {
        long[] last = {firstSeq(segment) - 1};
        long good = read(segment, Long.MIN_VALUE, false, r -> last[0] = r.seq());
        if (repair && good < Files.size(segment)) {
            try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
                ch.truncate(good);
                ch.force(true);
            }
        }
        return last[0];
    }

    /**
     * Reads the records of one segment, passing those above {@code afterSeq} (with their items when
     * {@code decode}); returns the offset just after the last whole, checksummed record.
     */
    private static long read(Path segment, long afterSeq, boolean decode, Consumer<Record> consumer) throws IOException {
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.READ)) {
            long size = ch.size();
            long pos = 0;
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            while (pos + HEADER <= size) {
                header.clear();
                ch.read(header, pos);
                header.flip();
                long seq = header.getLong();
                int length = header.getInt();
                int crc = header.getInt();
                if (length < 0 || pos + HEADER + length > size) {
                    break;
                }
                ByteBuffer payload = ByteBuffer.allocate(length);
                ch.read(payload, pos + HEADER);
                CRC32 check = new CRC32();
                check.update(payload.array());
                if ((int) check.getValue() != crc) {
                    break;
                }
                if (seq > afterSeq) {
                    consumer.accept(new Record(seq, decode ? decode(payload.array()) : null));
                }
                pos += HEADER + length;
            }
            return pos;
        }
    }

    private static byte[] encode(RawItem item) {
        ObjectNode o = JSON.createObjectNode();
        o.put("locator", item.locator());
        o.put("path", item.path());
        o.put("format", item.format().name());
        o.put("text", item.text());
        o.put("id", item.id());
        o.put("url", item.url());
        o.put("title", item.title());
        o.put("published", item.published() == null ? null : item.published().toString());
        o.put("author", item.author());
        o.put("language", item.language());
        ObjectNode extra = o.putObject("extra");
        item.extra().forEach(extra::put);
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static RawItem decode(byte[] payload) {
        try {
            JsonNode o = JSON.readTree(payload);
            Map<String, String> extra = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = o.path("extra").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                extra.put(e.getKey(), e.getValue().asText());
            }
            return new RawItem(o.get("locator").asText(), text(o, "path"), Format.valueOf(o.get("format").asText()),
                    o.get("text").asText(), text(o, "id"), text(o, "url"), text(o, "title"),
                    text(o, "published") == null ? null : Instant.parse(text(o, "published")), text(o, "author"),
                    text(o, "language"), extra);
        } catch (IOException e) {
            throw new UncheckedIOException("a journal record could not be decoded", e);
        }
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    @Override
    public synchronized void close() {
        try {
            sync();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
