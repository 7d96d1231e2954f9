package io.vendsync.sink.customers;

import java.util.concurrent.atomic.AtomicLong;

/** What the customer writer did beyond created/updated/unchanged: the counts ownership and matching make visible. */
public final class CustomerStatistics {

    private final AtomicLong skippedOverwrites = new AtomicLong();
    private final AtomicLong onlineEditsOverwritten = new AtomicLong();
    private final AtomicLong linked = new AtomicLong();
    private final AtomicLong deleted = new AtomicLong();
    private final AtomicLong deletesKept = new AtomicLong();
    private final AtomicLong matchConflicts = new AtomicLong();
    private final AtomicLong ordersLinked = new AtomicLong();
    private final AtomicLong emailsReleased = new AtomicLong();
    private final AtomicLong emailsHeld = new AtomicLong();

    void addSkippedOverwrites(final int fields) {
        skippedOverwrites.addAndGet(fields);
    }

    void addOnlineEditsOverwritten(final int fields) {
        onlineEditsOverwritten.addAndGet(fields);
    }

    void incrementLinked() {
        linked.incrementAndGet();
    }

    void incrementDeleted() {
        deleted.incrementAndGet();
    }

    void incrementDeletesKept() {
        deletesKept.incrementAndGet();
    }

    void incrementMatchConflicts() {
        matchConflicts.incrementAndGet();
    }

    void incrementEmailsReleased() {
        emailsReleased.incrementAndGet();
    }

    void incrementEmailsHeld() {
        emailsHeld.incrementAndGet();
    }

    /** Customers vendsync created that gave up their email to the Vend customer that owns it now. */
    public long emailsReleased() {
        return emailsReleased.get();
    }

    /** Writes that kept the customer's email because a customer vendsync may not change holds Vend's. */
    public long emailsHeld() {
        return emailsHeld.get();
    }

    void addOrdersLinked(final int orders) {
        ordersLinked.addAndGet(orders);
    }

    /** Fields whose Vend value was not written: commercetools owns them, or (newest) their online edit was newer. */
    public long skippedOverwrites() {
        return skippedOverwrites.get();
    }

    /** Vend-owned fields edited online since vendsync last wrote them, overwritten with Vend's value. */
    public long onlineEditsOverwritten() {
        return onlineEditsOverwritten.get();
    }

    /** Customers found online (by email or override) and given the Vend key. */
    public long linked() {
        return linked.get();
    }

    public long deleted() {
        return deleted.get();
    }

    /** Vend deletes the delete policy kept in commercetools (policy keep, or a customer vendsync only linked). */
    public long deletesKept() {
        return deletesKept.get();
    }

    /** Records withheld because of a key conflict, an ambiguous email match or an unknown link. */
    public long matchConflicts() {
        return matchConflicts.get();
    }

    /** Orders imported before their buyer's customer existed, given that customer afterwards. */
    public long ordersLinked() {
        return ordersLinked.get();
    }

    @Override
    public String toString() {
        return "customers: " + linked() + " linked, " + deleted() + " deleted, " + deletesKept() + " deletes kept, "
                + skippedOverwrites() + " field overwrites skipped (ownership), " + onlineEditsOverwritten()
                + " online edits overwritten, " + matchConflicts() + " match conflicts, " + ordersLinked() + " orders linked to their buyer, "
                + emailsReleased() + " emails released to their owner, " + emailsHeld() + " email changes held (another customer's email)";
    }
}
