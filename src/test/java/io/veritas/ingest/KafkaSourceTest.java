package io.veritas.ingest;

import io.veritas.Veritas;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Consumes from a real single-node KRaft broker started on 127.0.0.1 by the test. */
class KafkaSourceTest {
    @TempDir
    static Path dir;
    static KafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBroker.start(dir.resolve("broker"));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap()))) {
            admin.createTopics(List.of(new NewTopic("posts", 2, (short) 1))).all().get();
        }
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    private static void produce(int from, int to, boolean withBadRecord) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (int i = from; i < to; i++) {
                producer.send(new ProducerRecord<>("posts", "k" + i, "{\"id\":\"kafka-" + i
                        + "\",\"published\":\"2026-02-01T00:00:00Z\",\"text\":\"Post " + i + " from the stream: Tern Robotics raised $"
                        + (i % 50 + 5) + " million.\"}"));
            }
            if (withBadRecord) {
                producer.send(new ProducerRecord<>("posts", "bad", "{not json"));
            }
            producer.flush();
        }
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }

    private static long committedOffsets(String group) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap()))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            return offsets.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
        }
    }

    @Test
    void postsAreConsumedDurablyAndOffsetsCommittedAfterwards() throws Exception {
        produce(0, 1000, true);
        List<Failure> failures = new CopyOnWriteArrayList<>();
        Path data = dir.resolve("data");
        try (Veritas veritas = Veritas.open(data);
             KafkaSource ignored = new KafkaSource(broker.bootstrap(), "posts", "veritas-test", veritas::accept, failures::add).start()) {
            await(() -> veritas.documentCount() == 1000, "1,000 posts are ingested");
            await(() -> {
                try {
                    return committedOffsets("veritas-test") == 1001;
                } catch (Exception e) {
                    return false;
                }
            }, "the offsets of all 1,001 records are committed");
            assertEquals(1, failures.size(), failures.toString());
            assertTrue(failures.get(0).locator().startsWith("kafka posts/"), failures.toString());
            assertTrue(failures.get(0).reason().contains("malformed JSON"), failures.toString());
        }
        // A second consumer group re-reads everything: the same ids are duplicates, not second copies.
        produce(1000, 1100, false);
        try (Veritas veritas = Veritas.open(data);
             KafkaSource ignored = new KafkaSource(broker.bootstrap(), "posts", "veritas-replay", veritas::accept, f -> { }).start()) {
            await(() -> {
                try {
                    return committedOffsets("veritas-replay") == 1101;
                } catch (Exception e) {
                    return false;
                }
            }, "the replaying group reaches the end");
            await(() -> veritas.documentCount() == 1100, "the 100 new posts are searchable (within the refresh interval)");
            assertEquals(1, veritas.index().documentRecords("kafka-7"));
        }
    }
}
