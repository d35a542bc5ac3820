package io.veritas.ingest;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * Consumes JSON posts from a Kafka topic as a member of a consumer group. Each polled batch is handed to
 * {@code items}, which returns only once the batch is durable (journaled and forced to disk); only then are the
 * offsets committed. A crash in between re-delivers the batch (at least once), and the documents' ids make the
 * second delivery a duplicate, so each post is stored once. A record that is not a JSON post is reported with its
 * topic, partition and offset and skipped.
 */
public final class KafkaSource implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final Consumer<List<RawItem>> items;
    private final Consumer<Failure> failures;
    private final Thread thread;
    private volatile boolean running = true;

    public KafkaSource(String bootstrap, String topic, String group, Consumer<List<RawItem>> items, Consumer<Failure> failures) {
        if (bootstrap == null || bootstrap.isBlank() || topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("Kafka needs both --kafka HOST:PORT and --topic NAME");
        }
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1000");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "veritas-" + group);
        this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
        this.items = items;
        this.failures = failures;
        this.thread = new Thread(this::run, "veritas-kafka-" + topic);
        this.thread.setDaemon(true);
    }

    public KafkaSource start() {
        thread.start();
        return this;
    }

    private void run() {
        try {
            consumer.subscribe(List.of(topic));
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty()) {
                    continue;
                }
                List<RawItem> batch = new ArrayList<>(records.count());
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    String locator = "kafka " + r.topic() + "/" + r.partition() + "@" + r.offset();
                    if (r.value() == null) {
                        failures.accept(new Failure(locator, "the record has no value; skipped"));
                        continue;
                    }
                    try {
                        batch.add(JsonPosts.parse(locator, null, new String(r.value(), StandardCharsets.UTF_8)));
                    } catch (JsonPosts.BadRecord e) {
                        failures.accept(new Failure(locator, e.getMessage() + "; skipped"));
                    }
                }
                if (!batch.isEmpty()) {
                    items.accept(batch); // returns once the batch is durable
                }
                consumer.commitSync();
            }
        } catch (WakeupException e) {
            // close() asked us to stop
        } catch (RuntimeException e) {
            failures.accept(new Failure("kafka " + topic, "consuming stopped on an error (" + e.getMessage()
                    + "); check the broker and restart serve"));
        } finally {
            consumer.close();
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
