package io.veritas;

import io.veritas.extract.AliasTable;
import io.veritas.extract.Lexicon;
import io.veritas.index.Index;

import java.util.function.Supplier;

/**
 * The names questions are read with: the lexicon's plus every alias the stored documents teach. Rebuilt when the
 * index's aliases change (a document teaches a new one, or the only document teaching one is replaced), so it is
 * always the table of the documents stored now, whatever order they came in.
 */
final class AliasState implements Supplier<AliasTable> {
    private final Index index;
    private final Lexicon lexicon;
    private volatile AliasTable table;
    private volatile long builtFrom = Long.MIN_VALUE;

    AliasState(Index index, Lexicon lexicon) {
        this.index = index;
        this.lexicon = lexicon;
        get();
    }

    @Override
    public AliasTable get() {
        long v = index.aliasVersion();
        AliasTable t = table;
        if (t == null || v != builtFrom) {
            synchronized (this) {
                if (table == null || v != builtFrom) {
                    table = AliasTable.of(lexicon, index.learnedAliases());
                    builtFrom = v;
                }
                t = table;
            }
        }
        return t;
    }
}
