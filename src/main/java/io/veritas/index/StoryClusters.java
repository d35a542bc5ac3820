package io.veritas.index;

import io.veritas.text.Fingerprint;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Groups near-copies of one story (syndicated articles, reposts) into clusters, so that later stages count a
 * story once as evidence however many copies were ingested. A document joins the cluster of the first earlier
 * document whose SimHash is within {@link #MAX_DISTANCE} bits; otherwise it starts its own cluster, named by its
 * id.
 *
 * <p>Identical fingerprints are found in a hash map; near ones through four 16-bit bands (fingerprints within
 * three bits share at least one band exactly). A band bucket is a plain {@code long[]} of distinct fingerprints,
 * scanned up to {@link #BUCKET_SCAN} of them, so a million posts that share bits by chance (short texts) cost a
 * bounded lookup and little memory. The caller remembers each document's fingerprint (to {@link #remove} it).
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
    /** Per band key: a count in slot 0, then that many distinct fingerprints. */
    private final Map<Long, long[]> bands = new HashMap<>();

    /** The cluster a document with this fingerprint belongs to, recording it for later documents. */
    synchronized String assign(String docId, long simHash) {
        Print same = prints.get(simHash);
        String cluster = same != null ? same.cluster : nearest(simHash);
        add(simHash, cluster == null ? docId : cluster);
        return cluster == null ? docId : cluster;
    }

    private String nearest(long simHash) {
        for (int band = 0; band < 4; band++) {
            long[] bucket = bands.get(key(band, simHash));
            if (bucket == null) {
                continue;
            }
            for (int i = 1, n = (int) Math.min(bucket[0], BUCKET_SCAN); i <= n; i++) {
                if (Fingerprint.distance(bucket[i], simHash) <= MAX_DISTANCE) {
                    return prints.get(bucket[i]).cluster;
                }
            }
        }
        return null;
    }

    /** Restores a document's membership as stored in the index. */
    synchronized void restore(long simHash, String cluster) {
        add(simHash, cluster);
    }

    /** Forgets one document with this fingerprint (it was replaced or deleted). */
    synchronized void remove(long simHash) {
        Print p = prints.get(simHash);
        if (p == null || --p.documents > 0) {
            return;
        }
        prints.remove(simHash);
        for (int band = 0; band < 4; band++) {
            long[] bucket = bands.get(key(band, simHash));
            if (bucket == null) {
                continue;
            }
            int n = (int) bucket[0];
            for (int i = 1; i <= n; i++) {
                if (bucket[i] == simHash) {
                    bucket[i] = bucket[n];
                    bucket[0] = n - 1;
                    break;
                }
            }
        }
    }

    private void add(long simHash, String cluster) {
        Print p = prints.get(simHash);
        if (p == null) {
            p = new Print(cluster);
            prints.put(simHash, p);
            for (int band = 0; band < 4; band++) {
                long k = key(band, simHash);
                long[] bucket = bands.get(k);
                if (bucket == null) {
                    bucket = new long[3];
                } else if (bucket[0] + 1 >= bucket.length) {
                    bucket = Arrays.copyOf(bucket, bucket.length * 2);
                }
                bucket[(int) ++bucket[0]] = simHash;
                bands.put(k, bucket);
            }
        }
        p.documents++;
    }

    private static long key(int band, long simHash) {
        return ((long) band << 16) | ((simHash >>> (16 * band)) & 0xFFFFL);
    }
}
