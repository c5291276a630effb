package nl.clanq.bench;

import java.util.Locale;

/**
 * How big a generated community is: {@code large} is the performance target of issue #10, the
 * others are fractions of it (never less than one of anything).
 */
public enum Scale {
    LARGE(1),
    SMALL(100),
    TINY(2_000);

    private final int divisor;

    Scale(int divisor) {
        this.divisor = divisor;
    }

    public static Scale parse(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown dataset scale \"" + name + "\"; use large, small or tiny.", e);
        }
    }

    public int organisations() {
        return of(2_000);
    }

    public int members() {
        return of(6_000);
    }

    public int topics() {
        return of(200_000);
    }

    public int posts() {
        return Math.max(of(2_000_000), topics());
    }

    public int conversations() {
        return of(60_000);
    }

    public int messages() {
        return Math.max(of(300_000), conversations());
    }

    private int of(int large) {
        return Math.max(1, large / divisor);
    }
}
