package org.jifen.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.SparkSession;

/**
 * Runs independent Spark actions (queries, Delta writes to different tables) from a few driver
 * threads at once. A run's wall time is mostly the driver planning one query after another while
 * the executors wait (docs/scaling.md); with two or three queries in flight, one is planned while
 * another runs. Each action is still its own atomic Delta commit, and results come back in the
 * order of the tasks, so a run's output does not depend on the interleaving.
 */
public final class Parallel {
  /** System property: driver threads for independent actions (default 2; 1 runs them in order). */
  public static final String THREADS_PROPERTY = "jifen.driver.threads";

  private Parallel() {}

  /** One action; it may throw anything, which {@link #run} rethrows. */
  @FunctionalInterface
  public interface Task<T> {
    T call() throws Exception;
  }

  /**
   * Runs the tasks on up to {@link #threads()} threads with {@code spark} as their active session and
   * returns their results in task order. The first failure (in task order) is rethrown once every
   * task has ended; a runtime exception or error as it is, anything else wrapped.
   */
  public static <T> List<T> run(SparkSession spark, List<? extends Task<T>> tasks) {
    int threads = Math.min(threads(), tasks.size());
    List<T> out = new ArrayList<>(tasks.size());
    if (threads <= 1) {
      for (Task<T> t : tasks) {
        out.add(call(t));
      }
      return out;
    }
    AtomicInteger n = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread th = new Thread(r, "jifen-driver-" + n.incrementAndGet());
      th.setDaemon(true);
      return th;
    });
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (Task<T> t : tasks) {
        Callable<T> c = () -> {
          SparkSession.setActiveSession(spark);
          return t.call();
        };
        futures.add(pool.submit(c));
      }
      Throwable first = null;
      for (Future<T> f : futures) {
        try {
          out.add(f.get());
        } catch (ExecutionException e) {
          first = first == null ? e.getCause() : first;
          out.add(null);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          futures.forEach(x -> x.cancel(true));
          throw new IllegalStateException("Interrupted while waiting for Spark actions", e);
        }
      }
      if (first != null) {
        throw rethrow(first);
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Runs actions without results on up to {@link #threads()} threads; see {@link #run}. */
  public static void runAll(SparkSession spark, List<? extends Runnable> actions) {
    List<Task<Object>> tasks = new ArrayList<>();
    for (Runnable a : actions) {
      tasks.add(() -> {
        a.run();
        return null;
      });
    }
    run(spark, tasks);
  }

  /** Driver threads: system property {@value #THREADS_PROPERTY}, else 2. */
  public static int threads() {
    String v = System.getProperty(THREADS_PROPERTY);
    if (v != null && v.matches("\\d+") && Integer.parseInt(v) > 0) {
      return Integer.parseInt(v);
    }
    return 2;
  }

  private static <T> T call(Task<T> t) {
    try {
      return t.call();
    } catch (Exception e) {
      throw rethrow(e);
    }
  }

  private static RuntimeException rethrow(Throwable t) {
    if (t instanceof RuntimeException re) {
      return re;
    }
    if (t instanceof Error err) {
      throw err;
    }
    return new IllegalStateException(t.getMessage(), t);
  }
}
