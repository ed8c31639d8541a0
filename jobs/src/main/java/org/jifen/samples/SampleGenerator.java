package org.jifen.samples;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.xssf.streaming.SXSSFRow;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.jifen.samples.Layout.Format;

/**
 * Generates a synthetic district for jifen: the org tree ({@code orgs.xlsx}), a year of branch
 * ledger exports in {@code inbox/<period>/} in all the shapes branches really send (xlsx with
 * merged titles and reordered columns, GBK CSV folders, UTF-8-BOM zips), their received times
 * ({@code inbox/received.csv}), the list of deliberately faulty files and rows
 * ({@code faults.csv}) and a README describing it all. Same seed and size give the same content.
 *
 * <p>Benchmark usage: {@code java -cp ... org.jifen.samples.SampleGenerator OUT_DIR [small|district|city] [SEED]}
 */
public final class SampleGenerator {
  /** Default seed of the committed sample ({@code data-samples/}). */
  public static final long DEFAULT_SEED = 20250101L;

  /** How big a district to generate. */
  public enum Size {
    /** ≈4 committees, ~30 active branches, a few hundred members: the committed sample. */
    SMALL(4, 30, 10, 1),
    /** ≈12 committees, ~300 branches, ~12,000 members. */
    DISTRICT(12, 300, 40, 3),
    /** ≈80 committees, ~6,000 branches, ~300,000 members: a load test. */
    CITY(80, 6000, 50, 12);

    final int committees;
    final int branches;
    final int membersPerBranch;
    final int faultSets;

    Size(int committees, int branches, int membersPerBranch, int faultSets) {
      this.committees = committees;
      this.branches = branches;
      this.membersPerBranch = membersPerBranch;
      this.faultSets = faultSets;
    }
  }

  /** The kinds of favour-point (人情分) branches a sample plants (DOMAIN §7). */
  public enum FavourKind {
    /** Everyone full marks, everyone 优秀. */
    FULL_MARKS("全员满分", "everyone full marks"),
    /** Ordinary otherwise, but never a deduction all year. */
    NEVER_DEDUCTS("从不扣分", "never a deduction"),
    /** Every score just above the 90 (优秀) line. */
    BUNCHED_AT_90("扎堆90分线", "bunched just above 90");

    private final String label;
    private final String english;

    FavourKind(String label, String english) {
      this.label = label;
      this.english = english;
    }

    /** The Chinese name of the kind. */
    public String label() {
      return label;
    }

    String english() {
      return english;
    }
  }

  /** The favour-point branches planted in the sample of this seed and size, by branch code (no files written). */
  public static Map<String, FavourKind> plantedFavourBranches(long seed, Size size) {
    DistrictPlan plan = new DistrictPlan(seed, size);
    Map<String, FavourKind> planted = new java.util.TreeMap<>();
    plan.favour.forEach(b -> planted.put(b.code, FavourKind.FULL_MARKS));
    plan.neverDeduct.forEach(b -> planted.put(b.code, FavourKind.NEVER_DEDUCTS));
    plan.cluster.forEach(b -> planted.put(b.code, FavourKind.BUNCHED_AT_90));
    return planted;
  }

  /**
   * What was generated.
   *
   * @param orgs rows of the org tree (district, committees, 党总支, branches, dissolved ones too)
   * @param branches active (有效) branches in the org tree
   * @param members people on the tree branches' rosters during the year (members and activists)
   * @param files exports written to the inbox (xlsx files, CSV folders, zips), faulty ones included
   * @param entries 积分明细 rows written, over all exports
   * @param lateExports exports received after the deadline
   * @param missingExports active branch-quarters without any export
   * @param faultyFiles exports with at least one deliberate fault
   * @param faults every deliberate fault, as listed in faults.csv
   */
  public record Summary(int orgs, int branches, int members, int files, long entries, int lateExports,
      int missingExports, int faultyFiles, List<Fault> faults) {
    public Summary {
      faults = List.copyOf(faults);
    }
  }

  /** Progress of the branch exports: {@code done} of {@code total} branches written. */
  @FunctionalInterface
  public interface Progress {
    void update(int done, int total);
  }

  static final DateTimeFormatter ISO_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
  private static final Charset GBK = Charset.forName("GBK");
  private static final List<String> SHEET_ORDER =
      List.of("", Ledger.COVER, Ledger.ROSTER, Ledger.ENTRIES, Ledger.EVALUATION, Ledger.ACTIONS);
  /** The paths under the output directory that a run owns and replaces. */
  static final List<String> OUTPUTS = List.of("orgs.xlsx", "inbox", "faults.csv", "README.md");

  private SampleGenerator() {}

  /** Writes a district of the given size into {@code outDir}, replacing earlier generated output there. */
  public static Summary generate(Path outDir, long seed, Size size) {
    return generate(outDir, seed, size, null);
  }

  /** As {@link #generate(Path, long, Size)}, reporting progress per branch (from several threads). */
  public static Summary generate(Path outDir, long seed, Size size, Progress progress) {
    DistrictPlan plan = new DistrictPlan(seed, size);
    try {
      Files.createDirectories(outDir);
      for (String owned : OUTPUTS) {
        deleteRecursively(outDir.resolve(owned));
      }
      for (int q = 1; q <= 4; q++) {
        Files.createDirectories(outDir.resolve("inbox").resolve(Periods.name(q)));
      }
      writeOrgs(plan, outDir.resolve("orgs.xlsx"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Org> jobs = new ArrayList<>(plan.branches);
    jobs.addAll(plan.unregistered);
    AtomicInteger done = new AtomicInteger();
    List<BranchResult> results = IntStream.range(0, jobs.size()).parallel()
        .mapToObj(i -> {
          BranchResult r = writeBranch(plan, jobs.get(i), outDir);
          if (progress != null) {
            progress.update(done.incrementAndGet(), jobs.size());
          }
          return r;
        })
        .toList();

    List<Fault> faults = new ArrayList<>();
    List<String[]> received = new ArrayList<>();
    long entries = 0;
    List<String> appealNotes = new ArrayList<>();
    for (BranchResult r : results) {
      faults.addAll(r.faults);
      received.addAll(r.received);
      entries += r.entries;
      appealNotes.addAll(r.notes);
    }
    faults.sort(Comparator.comparing(Fault::period).thenComparing(Fault::file)
        .thenComparing(f -> SHEET_ORDER.indexOf(f.sheet())).thenComparingInt(Fault::row)
        .thenComparing(Fault::column));
    received.sort(Comparator.<String[], String>comparing(a -> a[0]).thenComparing(a -> a[1]));
    Set<String> faultyFiles = new HashSet<>();
    faults.forEach(f -> faultyFiles.add(f.period() + "/" + f.file()));
    int late = (int) plan.allExports().stream().filter(e -> e.late).count();
    int missing = 0;
    for (Org b : plan.branches) {
      missing += (int) Arrays.stream(plan.exports.get(b)).filter(e -> e == null).count();
    }
    Summary summary = new Summary(plan.orgs.size(), plan.branches.size(), plan.members.size(), received.size(),
        entries, late, missing, faultyFiles.size(), faults);
    try {
      writeReceived(outDir.resolve("inbox").resolve("received.csv"), received);
      writeFaults(outDir.resolve("faults.csv"), faults);
      SampleReadme.write(outDir.resolve("README.md"), plan, summary, appealNotes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return summary;
  }

  private record BranchResult(List<Fault> faults, List<String[]> received, long entries, List<String> notes) {}

  private static BranchResult writeBranch(DistrictPlan plan, Org b, Path outDir) {
    List<Fault> faults = new ArrayList<>();
    List<String[]> received = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    long entries = 0;
    LedgerBuilder builder = new LedgerBuilder(plan, b);
    Export[] exports = plan.exports.get(b);
    try {
      for (int q = 1; q <= 4; q++) {
        Export e = exports[q - 1];
        if (e == null) {
          continue;
        }
        Path dir = outDir.resolve("inbox").resolve(e.period());
        if (e.fileFault == FaultReason.FILE_ENCRYPTED) {
          Path file = dir.resolve(e.fileName());
          Files.write(file, encryptedLooking(Rng.of(plan.seed, b.code, q, "ole2")));
          finish(file, e, received);
          faults.add(Fault.file(e.period(), e.fileName(), FaultReason.FILE_ENCRYPTED));
          continue;
        }
        Ledger ledger = builder.build(e, Rng.of(plan.seed, b.code, q, "content"));
        entries += ledger.entries.size();
        write(plan, e, ledger, dir, faults, received);
        if (e.correction != null) {
          Export c = e.correction;
          Ledger v2 = ledger.copy();
          Ledger.Row removed = builder.appealed.get(q);
          v2.entries.remove(removed);
          v2.cover.removeIf(line -> "版本".equals(line[0]));
          v2.cover.add(new Object[] {"版本", c.version});
          for (Object[] line : v2.cover) {
            if ("填表日期".equals(line[0])) {
              line[1] = c.fillDate;
            }
          }
          entries += v2.entries.size();
          write(plan, c, v2, dir, faults, received);
          notes.add(String.join("\t", e.period(), b.code, e.fileName(), c.fileName(),
              String.valueOf(removed.get("党员编号")), String.valueOf(removed.get("姓名")),
              String.valueOf(removed.get("项目编码")), String.valueOf(removed.get("分值")),
              String.valueOf(removed.get("日期")), String.valueOf(removed.get("依据"))));
        }
      }
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return new BranchResult(faults, received, entries, notes);
  }

  private static void write(DistrictPlan plan, Export e, Ledger ledger, Path dir, List<Fault> faults,
      List<String[]> received) throws IOException {
    Org b = e.branch;
    String name = e.fileName();
    List<Fault> found = new ArrayList<>();
    LedgerWriter.FaultSink sink =
        (sheet, row, column, reason) -> found.add(new Fault(e.period(), name, sheet, row, column, reason));
    // Same stream for a re-export: the branch's tool lays the corrected ledger out the same way.
    Rng render = Rng.of(plan.seed, b.code, e.quarter, "render");
    Path target = dir.resolve(name);
    Format format = b.layout.format;
    switch (format) {
      case XLSX -> {
        Date created = Date.from(e.fillDate.atTime(9, 0).atOffset(Periods.CHINA).toInstant());
        byte[] bytes = LedgerWriter.xlsx(ledger, b.layout, render, sink, created);
        if (e.fileFault == FaultReason.FILE_CORRUPT) {
          bytes = Arrays.copyOf(bytes, bytes.length * 55 / 100);
        }
        Files.write(target, bytes);
      }
      case CSV_FOLDER_GBK, CSV_FOLDER_UTF8 -> {
        Charset cs = format == Format.CSV_FOLDER_GBK ? GBK : StandardCharsets.UTF_8;
        Map<String, byte[]> files = LedgerWriter.csv(ledger, b.layout, cs, false, render, sink);
        Files.createDirectories(target);
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
          Path p = target.resolve(f.getKey() + ".csv");
          Files.write(p, f.getValue());
          Files.setLastModifiedTime(p, FileTime.from(e.received.toInstant()));
        }
      }
      case CSV_ZIP_UTF8_BOM -> {
        Map<String, byte[]> files = LedgerWriter.csv(ledger, b.layout, StandardCharsets.UTF_8, true, render, sink);
        String folder = b.layout.zipFolder ? name.substring(0, name.length() - 4) + "/" : "";
        try (OutputStream os = Files.newOutputStream(target); ZipOutputStream zip = new ZipOutputStream(os)) {
          if (!folder.isEmpty()) {
            ZipEntry d = new ZipEntry(folder);
            d.setTimeLocal(e.received.toLocalDateTime());
            zip.putNextEntry(d);
            zip.closeEntry();
          }
          for (Map.Entry<String, byte[]> f : files.entrySet()) {
            ZipEntry z = new ZipEntry(folder + f.getKey() + ".csv");
            z.setTimeLocal(e.received.toLocalDateTime());
            zip.putNextEntry(z);
            zip.write(f.getValue());
            zip.closeEntry();
          }
        }
      }
    }
    finish(target, e, received);
    if (e.fileFault != null) {
      faults.add(Fault.file(e.period(), name, e.fileFault));
    } else {
      faults.addAll(found);
    }
  }

  private static void finish(Path file, Export e, List<String[]> received) throws IOException {
    Files.setLastModifiedTime(file, FileTime.from(e.received.toInstant()));
    received.add(new String[] {e.period(), e.fileName(), ISO_SECONDS.format(e.received)});
  }

  /** An OLE2 compound-file signature followed by junk: what a password-protected workbook looks like. */
  private static byte[] encryptedLooking(Rng r) {
    byte[] bytes = new byte[8192];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) r.nextInt(256);
    }
    byte[] magic = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
    System.arraycopy(magic, 0, bytes, 0, magic.length);
    return bytes;
  }

  private static void writeOrgs(DistrictPlan plan, Path file) throws IOException {
    SXSSFWorkbook wb = new SXSSFWorkbook(null, 500, false, false);
    // Classic (non-Zip64) data descriptors: java.util.zip.ZipInputStream and other streaming readers accept them.
    wb.setZip64Mode(Zip64Mode.Never);
    try {
      SXSSFSheet s = wb.createSheet("组织架构");
      Font bold = wb.createFont();
      bold.setBold(true);
      CellStyle plain = wb.getCellStyleAt(0);
      CellStyle header = wb.createCellStyle();
      header.setFont(bold);
      String[] cols = {"组织编码", "组织名称", "上级组织编码", "组织层级", "领域", "状态", "负责人"};
      int[] widths = {14, 36, 14, 10, 8, 8, 10};
      SXSSFRow hr = s.createRow(0);
      for (int i = 0; i < cols.length; i++) {
        hr.createCell(i).setCellValue(cols[i]);
        hr.getCell(i).setCellStyle(header);
      }
      int r = 1;
      for (Org o : plan.orgs) {
        SXSSFRow row = s.createRow(r++);
        String[] values = {o.code, o.name, o.parent == null ? null : o.parent.code, o.level, o.domain.label,
            o.active ? "有效" : "撤销", o.leader == null || o.leader.isEmpty() ? null : o.leader};
        for (int i = 0; i < values.length; i++) {
          if (values[i] != null) {
            var c = row.createCell(i);
            c.setCellValue(values[i]);
            c.setCellStyle(plain);
          }
        }
      }
      for (int i = 0; i < cols.length; i++) {
        s.setColumnWidth(i, widths[i] * 256);
      }
      var core = wb.getXSSFWorkbook().getProperties().getCoreProperties();
      core.setCreator("区委组织部");
      core.setCreated(Optional.of(Date.from(
          java.time.LocalDate.of(Periods.YEAR, 1, 2).atTime(9, 0).atOffset(Periods.CHINA).toInstant())));
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      wb.writeAvoidingTempFiles(bytes);
      Files.write(file, ZipTimes.set(bytes.toByteArray(), java.time.LocalDateTime.of(Periods.YEAR, 1, 2, 9, 0)));
    } finally {
      wb.dispose();
      wb.close();
    }
  }

  private static void writeReceived(Path file, List<String[]> received) throws IOException {
    StringBuilder sb = new StringBuilder("period,file,received_at\n");
    for (String[] r : received) {
      sb.append(r[0]).append(',').append(r[1]).append(',').append(r[2]).append('\n');
    }
    Files.writeString(file, sb, StandardCharsets.UTF_8);
  }

  private static void writeFaults(Path file, List<Fault> faults) throws IOException {
    StringBuilder sb = new StringBuilder("period,file,sheet,row,column,expected_reason\n");
    for (Fault f : faults) {
      sb.append(f.period()).append(',').append(f.file()).append(',').append(f.sheet()).append(',')
          .append(f.wholeFile() ? "" : String.valueOf(f.row())).append(',').append(f.column()).append(',')
          .append(f.reason().name()).append('\n');
    }
    Files.writeString(file, sb, StandardCharsets.UTF_8);
  }

  static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(path, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
        Files.delete(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /** Benchmark entry point: {@code OUT_DIR [small|district|city] [SEED]}; prints the summary and time. */
  public static void main(String[] args) {
    if (args.length < 1) {
      System.err.println("usage: SampleGenerator OUT_DIR [small|district|city] [SEED]");
      System.exit(2);
    }
    Size size = args.length > 1 ? Size.valueOf(args[1].toUpperCase(Locale.ROOT)) : Size.DISTRICT;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : DEFAULT_SEED;
    long t0 = System.nanoTime();
    Summary s = generate(Path.of(args[0]), seed, size);
    double seconds = (System.nanoTime() - t0) / 1e9;
    double cpu = java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() / 1e9 : Double.NaN;
    System.out.printf(Locale.ROOT, "%s seed %d: %d orgs, %d branches, %d members, %d files, %d entries, %d faulty"
        + " files in %.1f s wall, %.1f s CPU%n", size, seed, s.orgs(), s.branches(), s.members(), s.files(),
        s.entries(), s.faultyFiles(), seconds, cpu);
  }
}
