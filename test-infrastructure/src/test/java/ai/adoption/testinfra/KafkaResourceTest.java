package ai.adoption.testinfra;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KafkaResourceTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void producedRecordIsConsumed() throws Exception {
        Map<String, String> config = new KafkaResource().start();
        assertEquals(KafkaResource.bootstrapServers(), config.get("kafka.bootstrap.servers"));

        String topic = KafkaResource.createTopic("smoke");
        try (KafkaProducer<String, String> producer = KafkaResource.newStringProducer()) {
            producer.send(new ProducerRecord<>(topic, "k1", "hello")).get(30, TimeUnit.SECONDS);
        }
        try (KafkaConsumer<String, String> consumer = KafkaResource.newStringConsumer()) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> records = KafkaResource.pollRecords(consumer, 1, TIMEOUT);
            assertEquals(1, records.size());
            assertEquals("k1", records.get(0).key());
            assertEquals("hello", records.get(0).value());
        }
    }

    @Test
    void brokerRestartsAtSameAddressWithDataKept() throws Exception {
        String address = KafkaResource.bootstrapServers();
        String topic = KafkaResource.createTopic("restart", 1);
        try (KafkaProducer<String, String> producer = KafkaResource.newStringProducer()) {
            producer.send(new ProducerRecord<>(topic, "k", "before")).get(30, TimeUnit.SECONDS);
        }

        KafkaResource.stopBroker();
        assertFalse(KafkaResource.isBrokerRunning());
        KafkaResource.startBroker();
        assertTrue(KafkaResource.isBrokerRunning());
        assertEquals(address, KafkaResource.bootstrapServers());

        try (KafkaProducer<String, String> producer = KafkaResource.newStringProducer()) {
            producer.send(new ProducerRecord<>(topic, "k", "after-stop")).get(30, TimeUnit.SECONDS);
        }

        KafkaResource.killBroker();
        KafkaResource.startBroker();
        assertEquals(address, KafkaResource.bootstrapServers());

        try (KafkaProducer<String, String> producer = KafkaResource.newStringProducer()) {
            producer.send(new ProducerRecord<>(topic, "k", "after-kill")).get(30, TimeUnit.SECONDS);
        }
        try (KafkaConsumer<String, byte[]> consumer = KafkaResource.newBytesConsumer()) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, byte[]>> records = KafkaResource.pollRecords(consumer, 3, TIMEOUT);
            assertEquals(List.of("before", "after-stop", "after-kill"),
                    records.stream().map(r -> new String(r.value())).toList());
        }
    }
}
