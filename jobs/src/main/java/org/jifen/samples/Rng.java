package org.jifen.samples;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded randomness for the generator. Every stream is derived from the run seed and a stable key
 * (a branch code, a quarter, a purpose), so work can run in parallel and still give the same
 * output for the same seed.
 */
final class Rng {
  private final SplittableRandom random;

  Rng(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** A stream for {@code seed} and a key made of any parts (strings hashed with {@link String#hashCode}). */
  static Rng of(long seed, Object... key) {
    long h = mix(seed ^ 0x9E3779B97F4A7C15L);
    for (Object part : key) {
      long v = part instanceof Number n ? n.longValue() : String.valueOf(part).hashCode();
      h = mix(h ^ (v + 0x632BE59BD9B4E019L));
    }
    return new Rng(h);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
    z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
    return z ^ (z >>> 33);
  }

  int nextInt(int bound) {
    return random.nextInt(bound);
  }

  /** Uniform in [lo, hi], both inclusive. */
  int between(int lo, int hi) {
    return lo + random.nextInt(hi - lo + 1);
  }

  double nextDouble() {
    return random.nextDouble();
  }

  long nextLong() {
    return random.nextLong();
  }

  /** Standard normal draw. */
  double gaussianish() {
    return random.nextGaussian();
  }

  boolean chance(double p) {
    return random.nextDouble() < p;
  }

  <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  @SafeVarargs
  final <T> T pickOf(T... items) {
    return items[random.nextInt(items.length)];
  }

  /** Index drawn with the given relative weights. */
  int weighted(double... weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double x = random.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      x -= weights[i];
      if (x < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  /** Uniform date in [from, to], both inclusive. */
  LocalDate date(LocalDate from, LocalDate to) {
    long days = ChronoUnit.DAYS.between(from, to);
    return from.plusDays(days <= 0 ? 0 : random.nextLong(days + 1));
  }

  /** Poisson-distributed count with the given mean (small means only). */
  int poisson(double mean) {
    double limit = Math.exp(-mean);
    double p = 1;
    int k = 0;
    do {
      k++;
      p *= random.nextDouble();
    } while (p > limit);
    return k - 1;
  }

  <T> void shuffle(List<T> items) {
    for (int i = items.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      T t = items.get(i);
      items.set(i, items.get(j));
      items.set(j, t);
    }
  }
}
