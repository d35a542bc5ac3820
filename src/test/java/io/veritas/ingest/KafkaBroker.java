package io.veritas.ingest;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** A real single-node KRaft Kafka broker (broker and controller in one) on 127.0.0.1, for tests. */
final class KafkaBroker implements AutoCloseable {
    private final KafkaRaftServer server;
    private final String bootstrap;

    private KafkaBroker(KafkaRaftServer server, String bootstrap) {
        this.server = server;
        this.bootstrap = bootstrap;
    }

    static KafkaBroker start(Path dir) throws IOException {
        int brokerPort = freePort();
        int controllerPort = freePort();
        Path logs = Files.createDirectories(dir.resolve("kafka-logs"));
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logs.toString());
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.partitions", "2");
        Path config = dir.resolve("server.properties");
        try (var out = Files.newBufferedWriter(config)) {
            p.store(out, "test broker");
        }
        ByteArrayOutputStream formatLog = new ByteArrayOutputStream();
        int code = kafka.tools.StorageTool.execute(new String[]{"format", "-t", Uuid.randomUuid().toString(), "-c",
                config.toString()}, new PrintStream(formatLog));
        if (code != 0) {
            throw new IllegalStateException("could not format Kafka storage: " + formatLog);
        }
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(p), Time.SYSTEM);
        server.startup();
        return new KafkaBroker(server, "127.0.0.1:" + brokerPort);
    }

    String bootstrap() {
        return bootstrap;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
