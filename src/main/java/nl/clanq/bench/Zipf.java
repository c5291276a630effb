package nl.clanq.bench;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Ranks drawn by Zipf's law with exponent 1 (Zipf-Mandelbrot with an offset): rank {@code r},
 * counted from 0, comes with weight {@code 1 / (r + offset)}, the way word frequencies and forum
 * sizes fall off. A larger offset flattens the head.
 */
final class Zipf {

    private final double[] cumulative;

    Zipf(int size, int offset) {
        cumulative = new double[size];
        double total = 0;
        for (int r = 0; r < size; r++) {
            total += 1.0 / (r + offset);
            cumulative[r] = total;
        }
    }

    int draw(SplittableRandom random) {
        int found = Arrays.binarySearch(cumulative, random.nextDouble() * cumulative[cumulative.length - 1]);
        return Math.min(found >= 0 ? found : -found - 1, cumulative.length - 1);
    }

    <T> T pick(SplittableRandom random, T[] ranked) {
        return ranked[draw(random)];
    }
}
