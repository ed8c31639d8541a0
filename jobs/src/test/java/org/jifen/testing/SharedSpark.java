package org.jifen.testing;

import org.apache.spark.sql.SparkSession;
import org.jifen.spark.Sessions;

/** The one local SparkSession shared by every test in the run (started on first use). */
public final class SharedSpark {
  private SharedSpark() {}

  public static synchronized SparkSession get() {
    SparkSession s = Sessions.getOrCreate("local[2]");
    s.conf().set("spark.sql.shuffle.partitions", "2");
    return s;
  }
}
