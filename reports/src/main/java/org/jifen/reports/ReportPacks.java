package org.jifen.reports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jifen.reports.PackCharts.Drawn;
import org.jifen.reports.PackData.MartFacts;
import org.jifen.reports.PackData.Org;
import org.jifen.reports.PackData.Period;

/**
 * Report packs for leaders, rendered from the DuckDB mart only (docs/mart.md).
 *
 * <p>Usage: {@code ReportPacks.render(Path.of("warehouse/marts/jifen.duckdb"), "2025Q2", List.of(),
 * Path.of("packs"), PackOptions.of("0.1.0"))} writes {@code packs/2025Q2/<unit-code>/} for the district
 * and every committee, each holding {@code statistics-table.xlsx}, {@code report.docx},
 * {@code charts/*.png} and {@code manifest.json}. Given the restricted mart
 * ({@code jifen-restricted.duckdb}), the watch lists carry names.
 */
public final class ReportPacks {
  static final String XLSX = "statistics-table.xlsx";
  static final String DOCX = "report.docx";
  static final String MANIFEST = "manifest.json";
  static final String CHARTS = "charts";

  /** System property: how many packs are written at once (default: one per processor). */
  public static final String THREADS_PROPERTY = "jifen.reports.threads";
  private static final Pattern SAFE_DIR = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  private ReportPacks() {}

  /**
   * Renders one pack per reporting unit for a quarter ({@code 2025Q2}) or a year ({@code 2025}) into
   * {@code outRoot/<period>/<unit-code>/}, replacing a previous pack there.
   *
   * @param martFile the mart ({@code jifen.duckdb}) or the restricted mart ({@code jifen-restricted.duckdb})
   * @param period a quarter or a year of the mart's {@code dim_period}
   * @param unitCodes reporting units (组织编码); empty for the district and every committee
   * @param outRoot where packs are written
   * @param options generation time, jifen version and extra manifest facts
   * @return the packs written, in the order of the units
   * @throws IllegalArgumentException when the period or a unit is not in the mart
   * @throws IOException when a file cannot be read or written
   */
  public static List<ReportPack> render(Path martFile, String period, List<String> unitCodes, Path outRoot,
      PackOptions options) throws IOException {
    Objects.requireNonNull(martFile, "martFile");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(outRoot, "outRoot");
    Objects.requireNonNull(options, "options");
    if (!Files.isRegularFile(martFile)) {
      throw new IllegalArgumentException("Mart file not found: " + martFile);
    }
    String sha = sha256(martFile);
    long bytes = Files.size(martFile);
    List<ReportPack> out = new ArrayList<>();
    try (Mart mart = Mart.open(martFile)) {
      PackReader reader = new PackReader(mart);
      Period p = reader.period(period);
      List<String> codes = unitCodes == null || unitCodes.isEmpty() ? reader.defaultUnits()
          : List.copyOf(new LinkedHashSet<>(unitCodes));
      if (codes.isEmpty()) {
        throw new IllegalArgumentException("The mart has no reporting unit (dim_org.is_reporting_unit)");
      }
      List<Org> units = codes.stream().map(reader::unit).toList();
      MartFacts facts = reader.martFacts(martFile.getFileName().toString(), sha, bytes);
      // The mart is read on this thread (one DuckDB connection); the packs, whose charts, workbook
      // and document are CPU work independent of each other, are written on a pool beside it. At
      // most 2 × threads read packs wait in the queue, so memory stays flat in the number of units.
      int threads = Math.max(1, Math.min(units.size(), threads()));
      ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
        Thread t = new Thread(r, "jifen-pack-writer");
        t.setDaemon(true);
        return t;
      });
      Semaphore queued = new Semaphore(2 * threads);
      List<Future<ReportPack>> written = new ArrayList<>();
      List<String> writtenUnits = new ArrayList<>();
      List<String> failures = new ArrayList<>();
      try {
        for (Org unit : units) {
          PackData data;
          try {
            data = reader.read(p, unit, facts);
          } catch (RuntimeException e) {
            failures.add(unit.code() + ": " + describe(e));
            continue;
          }
          Path dir = outRoot.resolve(p.period()).resolve(directoryName(unit.code()));
          queued.acquireUninterruptibly();
          writtenUnits.add(unit.code());
          written.add(pool.submit(() -> {
            try {
              return write(data, options, dir);
            } finally {
              queued.release();
            }
          }));
        }
        for (int i = 0; i < written.size(); i++) {
          try {
            out.add(written.get(i).get());
          } catch (ExecutionException e) {
            // One unit's failure does not stop the others; all failures are reported together.
            failures.add(writtenUnits.get(i) + ": " + describe(e.getCause()));
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("Interrupted while writing report packs", e);
      } finally {
        pool.shutdownNow();
      }
      if (!failures.isEmpty()) {
        throw new PackFailures(p.period(), units.size(), out, failures);
      }
    }
    return out;
  }

  /**
   * Some units' packs could not be written; the others were (see {@link #written()}). A failure,
   * not a usage error: the command exits with 3.
   */
  public static final class PackFailures extends IOException {
    private final transient List<ReportPack> written;
    private final List<String> failures;

    PackFailures(String period, int units, List<ReportPack> written, List<String> failures) {
      super("report packs of " + period + " failed for " + failures.size() + " of " + units + " units (the other "
          + written.size() + " were written): " + String.join("; ", failures));
      this.written = List.copyOf(written);
      this.failures = List.copyOf(failures);
    }

    /** The packs that were written. */
    public List<ReportPack> written() {
      return written;
    }

    /** One line per failed unit: its code and why. */
    public List<String> failures() {
      return failures;
    }
  }

  private static String describe(Throwable t) {
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : " (" + m.strip() + ")");
  }

  /** Test hook: units (comma-separated codes) whose pack fails as a disk failure would. */
  static final String FAIL_UNITS_PROPERTY = "jifen.reports.test.failUnits";

  /** Pack writer threads: system property {@value #THREADS_PROPERTY}, else one per processor. */
  static int threads() {
    String v = System.getProperty(THREADS_PROPERTY);
    if (v != null && v.matches("\\d+") && Integer.parseInt(v) > 0) {
      return Integer.parseInt(v);
    }
    return Runtime.getRuntime().availableProcessors();
  }

  /** The pack directory of a unit: its code when that is a safe ASCII name, else {@code u-<hex of UTF-8>}. */
  static String directoryName(String code) {
    if (SAFE_DIR.matcher(code).matches()) {
      return code;
    }
    return "u-" + HexFormat.of().formatHex(code.getBytes(StandardCharsets.UTF_8));
  }

  private static ReportPack write(PackData d, PackOptions o, Path dir) throws IOException {
    String failing = System.getProperty(FAIL_UNITS_PROPERTY);
    if (failing != null && List.of(failing.split(",")).contains(d.unit().code())) {
      throw new IOException("simulated write failure for " + d.unit().code());
    }
    OwnerOnly.createDirectories(dir.getParent());
    Path tmp = Files.createTempDirectory(dir.getParent(), "." + dir.getFileName() + "-");
    try {
      List<Drawn> drawn = PackCharts.draw(d);
      Path charts = Files.createDirectory(tmp.resolve(CHARTS));
      List<String> files = new ArrayList<>();
      for (Drawn c : drawn) {
        Files.write(charts.resolve(c.chart().file()), c.png());
        files.add(CHARTS + "/" + c.chart().file());
      }
      StatisticsWorkbook.write(d, o, tmp.resolve(XLSX));
      AnalysisReport.write(d, o, drawn, tmp.resolve(DOCX));
      files.add(DOCX);
      files.add(XLSX);
      files.add(MANIFEST);
      files.sort(String::compareTo);
      List<PackChart> chartList = drawn.stream().map(Drawn::chart).toList();
      Manifest.write(tmp.resolve(MANIFEST), Manifest.content(d, o, files, chartList));
      OwnerOnly.restrict(tmp); // whatever the process's umask: a pack names members
      if (Files.exists(dir)) {
        deleteTree(dir);
      }
      Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
      return new ReportPack(d.period().period(), d.unit().code(), d.unit().name(), dir, List.copyOf(files), chartList,
          d.restricted());
    } catch (IOException | RuntimeException e) {
      if (Files.exists(tmp)) {
        deleteTree(tmp);
      }
      throw e;
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.delete(p);
      }
    }
  }

  static String sha256(Path file) throws IOException {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
        in.transferTo(java.io.OutputStream.nullOutputStream());
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
