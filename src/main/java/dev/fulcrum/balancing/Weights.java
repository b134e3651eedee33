package dev.fulcrum.balancing;

/** The one rule every algorithm shares about weights. */
final class Weights {

    private Weights() {
    }

    /** Only a finite weight greater than 0 may be picked; 0, negative, NaN and infinity never are. */
    static boolean isPickable(double weight) {
        return weight > 0 && weight < Double.POSITIVE_INFINITY;
    }
}
