package io.veritas.extract;

import java.util.List;

/**
 * What the extract stage makes of one document, for the index: the figures it states, the aliases it teaches and
 * every amount of money it mentions (offsets into the document's text; the index files them under the passage
 * that holds them, so that {@code $20 billion} and {@code 200億美元} find each other).
 */
public record Extraction(List<Claim> claims, List<Alias> aliases, List<Quantity> amounts) {
    /** Nothing read: a document stored for search only. */
    public static final Extraction NONE = new Extraction(List.of(), List.of(), List.of());

    public Extraction {
        claims = List.copyOf(claims);
        aliases = List.copyOf(aliases);
        amounts = List.copyOf(amounts);
    }
}
