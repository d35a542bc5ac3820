package io.veritas.index;

import io.veritas.text.Fingerprint;

import java.util.Arrays;

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

    private final LongMap<Print> prints = new LongMap<>();
    /** Per band key: a count in slot 0, then that many distinct fingerprints. */
    private final LongMap<long[]> bands = new LongMap<>();

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

    /**
     * A hash map from {@code long} to non-null values, open addressing with linear probing: no boxed keys and no
     * entry objects, so a lookup touches two arrays instead of a chain of nodes.
     */
    static final class LongMap<V> {
        private long[] keys = new long[16];
        private Object[] values = new Object[16];
        private int size;

        private static int slot(long key, int mask) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32)) & mask;
        }

        @SuppressWarnings("unchecked")
        V get(long key) {
            int mask = keys.length - 1;
            for (int i = slot(key, mask); ; i = (i + 1) & mask) {
                Object v = values[i];
                if (v == null) {
                    return null;
                }
                if (keys[i] == key) {
                    return (V) v;
                }
            }
        }

        void put(long key, V value) {
            if (2 * (size + 1) > keys.length) {
                grow();
            }
            int mask = keys.length - 1;
            for (int i = slot(key, mask); ; i = (i + 1) & mask) {
                if (values[i] == null) {
                    keys[i] = key;
                    values[i] = value;
                    size++;
                    return;
                }
                if (keys[i] == key) {
                    values[i] = value;
                    return;
                }
            }
        }

        /** Removes the key; later entries of its run move back, so no lookup stops early at the hole. */
        void remove(long key) {
            int mask = keys.length - 1;
            int i = slot(key, mask);
            while (true) {
                if (values[i] == null) {
                    return;
                }
                if (keys[i] == key) {
                    break;
                }
                i = (i + 1) & mask;
            }
            size--;
            int hole = i;
            for (int j = (hole + 1) & mask; values[j] != null; j = (j + 1) & mask) {
                int home = slot(keys[j], mask);
                // j's entry may fill the hole when its home slot is not cyclically within (hole, j]
                boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
                if (movable) {
                    keys[hole] = keys[j];
                    values[hole] = values[j];
                    hole = j;
                }
            }
            values[hole] = null;
        }

        @SuppressWarnings("unchecked")
        private void grow() {
            long[] oldKeys = keys;
            Object[] oldValues = values;
            keys = new long[oldKeys.length * 2];
            values = new Object[oldKeys.length * 2];
            size = 0;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldValues[i] != null) {
                    put(oldKeys[i], (V) oldValues[i]);
                }
            }
        }
    }
}
