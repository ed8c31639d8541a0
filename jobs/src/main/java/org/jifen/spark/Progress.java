package org.jifen.spark;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

/**
 * Progress of a long job, step by step. On a terminal each step is a progress bar over the Spark
 * tasks it runs (for parsing, one task per group of files); otherwise plain lines, one per step.
 */
public final class Progress implements AutoCloseable {
  private final PrintStream out;
  private final boolean terminal;
  private final AtomicLong tasksTotal = new AtomicLong();
  private final AtomicLong tasksDone = new AtomicLong();
  private ProgressBar bar;
  private String stepName;
  private long stepStart;
  private SparkSession spark;
  private SparkListener listener;

  private Progress(PrintStream out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  /**
   * Crash-test hook: with {@code -Djifen.test.pauseAt=<step name prefix>} and
   * {@code -Djifen.test.pauseFile=<file>}, the process writes the step's name to the file when it
   * reaches that step and stops there, so a test can kill it (SIGKILL) at an exact stage boundary,
   * or let it go on by deleting the file. Without the properties nothing happens.
   */
  private static void pauseIfAsked(String name) {
    String at = System.getProperty("jifen.test.pauseAt");
    String file = System.getProperty("jifen.test.pauseFile");
    if (at == null || file == null || !name.startsWith(at)) {
      return;
    }
    try {
      // Written aside and renamed: the test sees the file only with the step's name in it.
      java.nio.file.Path marker = java.nio.file.Path.of(file);
      java.nio.file.Path tmp = marker.resolveSibling(marker.getFileName() + ".tmp");
      java.nio.file.Files.writeString(tmp, name);
      java.nio.file.Files.move(tmp, marker, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      while (java.nio.file.Files.exists(marker)) {
        Thread.sleep(100);
      }
    } catch (java.io.IOException | InterruptedException e) {
      throw new IllegalStateException("crash-test pause at '" + name + "' failed", e);
    }
  }

  /** A bar on a terminal (when {@code System.console()} is present), plain lines otherwise. */
  public static Progress forConsole(PrintStream out) {
    return new Progress(out, System.console() != null && System.getenv("JIFEN_PLAIN_PROGRESS") == null);
  }

  /** Plain progress lines (tests, logs). */
  public static Progress plain(PrintStream out) {
    return new Progress(out, false);
  }

  /** Silent. */
  public static Progress none() {
    return new Progress(null, false);
  }

  /** Follows the Spark tasks of {@code spark} so bars advance as tasks finish. */
  public Progress follow(SparkSession s) {
    if (spark == null && terminal) {
      spark = s;
      listener = new SparkListener() {
        @Override
        public void onStageSubmitted(SparkListenerStageSubmitted e) {
          tasksTotal.addAndGet(e.stageInfo().numTasks());
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd e) {
          tasksDone.incrementAndGet();
        }
      };
      s.sparkContext().addSparkListener(listener);
    }
    return this;
  }

  /** Starts a step, ending the previous one. */
  public void step(String name) {
    pauseIfAsked(name);
    endStep();
    stepName = name;
    stepStart = System.nanoTime();
    if (out == null) {
      return;
    }
    if (terminal) {
      tasksTotal.set(0);
      tasksDone.set(0);
      bar = new ProgressBarBuilder().setTaskName(name).setInitialMax(0).setStyle(ProgressBarStyle.ASCII)
          .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(out))
          .setUpdateIntervalMillis(200).setUnit(" tasks", 1).continuousUpdate().build();
      Thread t = new Thread(() -> {
        ProgressBar b = bar;
        while (b == bar && b != null) {
          b.maxHint(Math.max(tasksTotal.get(), 1));
          b.stepTo(tasksDone.get());
          try {
            Thread.sleep(200);
          } catch (InterruptedException ex) {
            return;
          }
        }
      }, "jifen-progress");
      t.setDaemon(true);
      t.start();
    } else {
      out.println("[jifen] " + name + " ...");
    }
  }

  private void endStep() {
    if (stepName == null) {
      return;
    }
    Duration took = Duration.ofNanos(System.nanoTime() - stepStart);
    if (bar != null) {
      ProgressBar b = bar;
      bar = null;
      b.maxHint(Math.max(tasksDone.get(), 1));
      b.stepTo(Math.max(tasksDone.get(), 1));
      b.close();
    } else if (out != null) {
      out.printf("[jifen] %s done in %.1f s%n", stepName, took.toMillis() / 1000.0);
    }
    stepName = null;
  }

  @Override
  public void close() {
    endStep();
    if (spark != null && listener != null) {
      spark.sparkContext().removeSparkListener(listener);
    }
  }
}
