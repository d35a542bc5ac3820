package io.veritas.index;

import io.veritas.text.Fingerprint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups near-copies of one story (syndicated articles, reposts) into clusters, so that later stages count a
 * story once as evidence however many copies were ingested. A document joins the cluster of the first earlier
 * document whose SimHash is within {@link #MAX_DISTANCE} bits; otherwise it starts its own cluster, named by its
 * id. Candidates are found by splitting the 64 bits into four 16-bit bands: two fingerprints within three bits
 * share at least one band exactly.
 */
final class StoryClusters {
    static final int MAX_DISTANCE = 3;

    private record Entry(String docId, long simHash, String cluster) {
    }

    private final Map<Long, List<Entry>> bands = new HashMap<>();
    private final Map<String, Entry> byDoc = new HashMap<>();

    /** The cluster a document belongs to, recording it for later documents. */
    synchronized String assign(String docId, long simHash) {
        remove(docId);
        String cluster = docId;
        search:
        for (int band = 0; band < 4; band++) {
            for (Entry e : bands.getOrDefault(key(band, simHash), List.of())) {
                if (Fingerprint.distance(e.simHash(), simHash) <= MAX_DISTANCE) {
                    cluster = e.cluster();
                    break search;
                }
            }
        }
        add(new Entry(docId, simHash, cluster));
        return cluster;
    }

    /** Restores a document's membership as stored in the index. */
    synchronized void restore(String docId, long simHash, String cluster) {
        add(new Entry(docId, simHash, cluster));
    }

    synchronized void remove(String docId) {
        Entry old = byDoc.remove(docId);
        if (old != null) {
            for (int band = 0; band < 4; band++) {
                List<Entry> list = bands.get(key(band, old.simHash()));
                if (list != null) {
                    list.remove(old);
                }
            }
        }
    }

    private void add(Entry e) {
        byDoc.put(e.docId(), e);
        for (int band = 0; band < 4; band++) {
            bands.computeIfAbsent(key(band, e.simHash()), k -> new ArrayList<>(1)).add(e);
        }
    }

    private static long key(int band, long simHash) {
        return ((long) band << 16) | ((simHash >>> (16 * band)) & 0xFFFFL);
    }
}
