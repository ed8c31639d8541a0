package org.jifen.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.SparkSession;
import org.jifen.score.ScoreOptions;
import org.jifen.score.ScoreSummary;
import org.jifen.score.ScoringJob;
import org.jifen.spark.Progress;
import org.jifen.spark.Warehouse;

/** Scores the quarters of a run, then every year whose four quarters are in; prints the grades. */
final class ScoreStage {
  private ScoreStage() {}

  /** Scores {@code quarters} and, when {@code annual}, the complete years among them; one summary per period. */
  static List<ScoreSummary> run(SparkSession spark, Warehouse wh, List<String> quarters, boolean annual,
      String scheme, boolean rescore, Progress progress) {
    List<ScoreSummary> out = new ArrayList<>();
    ScoreOptions o = ScoreOptions.defaults().withScheme(scheme).withRescore(rescore);
    TreeSet<String> years = new TreeSet<>();
    for (String q : new TreeSet<>(quarters)) {
      progress.step("Scoring " + q);
      out.add(ScoringJob.run(spark, wh, q, o));
      years.add(q.substring(0, 4));
    }
    for (String y : annual ? years : new TreeSet<String>()) {
      List<String> all = List.of(y + "Q1", y + "Q2", y + "Q3", y + "Q4");
      List<String> ingested = wh.read(spark, Warehouse.SILVER, "submissions").select("period").distinct()
          .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
      if (ingested.containsAll(all)) {
        progress.step("Scoring the year " + y);
        out.add(ScoringJob.run(spark, wh, y, o));
      }
    }
    progress.close();
    return out;
  }

  /** Grade distribution per scored period, with shares of graded members. */
  static void print(PrintWriter out, List<ScoreSummary> scores) {
    if (scores.isEmpty()) {
      return;
    }
    List<String> grades = new ArrayList<>(scores.get(0).gradeCounts().keySet());
    List<String> header = new ArrayList<>(List.of("period", "scheme", "graded"));
    grades.forEach(g -> header.add(g));
    header.add("exempt");
    header.add("activists");
    TextTable t = new TextTable(header.toArray(String[]::new));
    for (ScoreSummary s : scores) {
      long graded = s.gradeCounts().values().stream().mapToLong(Long::longValue).sum();
      List<Object> row = new ArrayList<>(List.of(s.period(), s.schemeId(), graded));
      for (String g : grades) {
        long n = s.gradeCounts().getOrDefault(g, 0L);
        row.add(graded == 0 ? n : String.format("%d (%.1f%%)", n, 100.0 * n / graded));
      }
      Map<String, Long> st = s.statusCounts();
      row.add(st.getOrDefault("exempt", 0L));
      row.add(st.getOrDefault("activist", 0L));
      t.row(row.toArray());
    }
    out.println("\nGrade distribution (graded party members; shares of graded)");
    t.print(out);
  }
}
