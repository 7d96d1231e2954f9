package io.vendsync.mapper.internals;

import java.util.List;

/** The bill of materials a composite last published edges for (state of {@link BomEdgeDiff}). */
public record KitBom(List<BomLine> lines) {

    public KitBom {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }
}
