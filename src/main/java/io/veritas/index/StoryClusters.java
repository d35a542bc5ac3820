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
 * id.
 *
 * <p>Identical fingerprints are found in a hash map; near ones through four 16-bit bands (fingerprints within
 * three bits share at least one band exactly). A band bucket keeps distinct fingerprints only and is scanned up to
 * {@link #BUCKET_SCAN} of them, so a million posts that share bits by chance (short texts) cost a bounded lookup.
 */
final class StoryClusters {
    static final int MAX_DISTANCE = 3;
    static final int BUCKET_SCAN = 64;

    /** Cluster and number of documents of each distinct fingerprint. */
    private static final class Print {
        final String cluster;
        int documents;

        Print(String cluster) {
            this.cluster = cluster;
        }
    }

    private final Map<Long, Print> prints = new HashMap<>();
    private final Map<Long, List<Long>> bands = new HashMap<>();
    private final Map<String, Long> byDoc = new HashMap<>();

    /** The cluster a document belongs to, recording it for later documents. */
    synchronized String assign(String docId, long simHash) {
        remove(docId);
        Print same = prints.get(simHash);
        String cluster = same != null ? same.cluster : nearest(simHash);
        add(docId, simHash, cluster == null ? docId : cluster);
        return cluster == null ? docId : cluster;
    }

    private String nearest(long simHash) {
        for (int band = 0; band < 4; band++) {
            List<Long> bucket = bands.get(key(band, simHash));
            if (bucket == null) {
                continue;
            }
            for (int i = 0, n = Math.min(bucket.size(), BUCKET_SCAN); i < n; i++) {
                long other = bucket.get(i);
                if (Fingerprint.distance(other, simHash) <= MAX_DISTANCE) {
                    return prints.get(other).cluster;
                }
            }
        }
        return null;
    }

    /** Restores a document's membership as stored in the index. */
    synchronized void restore(String docId, long simHash, String cluster) {
        add(docId, simHash, cluster);
    }

    synchronized void remove(String docId) {
        Long old = byDoc.remove(docId);
        if (old == null) {
            return;
        }
        Print p = prints.get(old);
        if (p != null && --p.documents == 0) {
            prints.remove(old);
            for (int band = 0; band < 4; band++) {
                List<Long> bucket = bands.get(key(band, old));
                if (bucket != null) {
                    bucket.remove(old);
                }
            }
        }
    }

    private void add(String docId, long simHash, String cluster) {
        byDoc.put(docId, simHash);
        Print p = prints.get(simHash);
        if (p == null) {
            p = new Print(cluster);
            prints.put(simHash, p);
            for (int band = 0; band < 4; band++) {
                bands.computeIfAbsent(key(band, simHash), k -> new ArrayList<>(2)).add(simHash);
            }
        }
        p.documents++;
    }

    private static long key(int band, long simHash) {
        return ((long) band << 16) | ((simHash >>> (16 * band)) & 0xFFFFL);
    }
}
