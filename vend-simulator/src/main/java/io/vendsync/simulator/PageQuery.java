package io.vendsync.simulator;

/**
 * One read of a 2.0 collection: {@code after} and {@code before} are both exclusive version bounds.
 *
 * @param before         exclusive upper bound; {@link Long#MAX_VALUE} when the client sent none
 * @param includeDeleted {@code deleted=true}
 */
record PageQuery(long after, long before, int pageSize, boolean includeDeleted) {
}
