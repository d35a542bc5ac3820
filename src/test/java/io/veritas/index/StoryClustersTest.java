package io.veritas.index;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The primitive map under the story clusters behaves as a {@link HashMap} through puts, removes and growth. */
class StoryClustersTest {
    @Test
    void longMapAgreesWithHashMap() {
        Random random = new Random(42);
        StoryClusters.LongMap<Long> map = new StoryClusters.LongMap<>();
        Map<Long, Long> expected = new HashMap<>();
        for (int step = 0; step < 200_000; step++) {
            // few distinct keys, many collisions of the low bits: long probe runs, removals inside them
            long key = (random.nextInt(4096) << 16) | (random.nextInt(4) * 65536L * 65536L);
            int op = random.nextInt(3);
            if (op == 0) {
                map.remove(key);
                expected.remove(key);
            } else {
                long value = random.nextLong();
                map.put(key, value);
                expected.put(key, value);
            }
            if (step % 1000 == 0) {
                for (int k = 0; k < 4096; k++) {
                    for (long hi = 0; hi < 4; hi++) {
                        long probe = ((long) k << 16) | (hi * 65536L * 65536L);
                        assertEquals(expected.get(probe), map.get(probe));
                    }
                }
            }
        }
    }

    @Test
    void nearCopiesJoinTheFirstCluster() {
        StoryClusters clusters = new StoryClusters();
        assertEquals("a", clusters.assign("a", 0b1011L));
        assertEquals("a", clusters.assign("b", 0b1011L));
        assertEquals("a", clusters.assign("c", 0b0011L << 40 | 0b1011L)); // two bits apart
        assertEquals("d", clusters.assign("d", 0xFFFF_0000_FFFF_0000L));
        clusters.remove(0b1011L);
        clusters.remove(0b1011L);
        assertEquals("a", clusters.assign("e", 0b0011L << 40 | 0b1011L)); // "c" still holds its fingerprint
    }
}
