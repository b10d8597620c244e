package dev.infergate.routing.admission;

/** The in-memory table holds its maximum of buckets and none is idle long enough to be forgotten. */
public final class BucketTableFullException extends RuntimeException {

    public BucketTableFullException(int maxBuckets) {
        super("the in-memory bucket table holds its maximum of " + maxBuckets + " buckets and none is idle");
    }
}
