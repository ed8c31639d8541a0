package org.jifen.loop;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jifen.config.DistrictConfig;
import org.jifen.read.Rec;
import org.jifen.read.WarehouseSql;
import org.jifen.reports.PackOptions;
import org.jifen.reports.Receipt;
import org.jifen.reports.ReceiptSummary;
import org.jifen.reports.ReceiptWorkbooks;
import org.jifen.scheme.Scheme;
import org.jifen.scheme.Schemes;
import org.jifen.spark.Warehouse;

/**
 * Receipts (回执) of one quarter, read from the warehouse after ingest: one workbook per branch
 * that sent anything ({@code <out>/<period>/回执_<branch>_<period>.xlsx}: the files received, rows
 * accepted per sheet, every quarantined row and rejected file explained in Chinese, notes, how to
 * send a corrected 版本) and the department's summary ({@code 回执汇总_<period>.xlsx}). Read-only:
 * never takes the writer's lease.
 *
 * <p>Usage: {@code try (WarehouseSql sql = WarehouseSql.open(wh, () -> spark, null, Receipts.TABLES)) {
 * Receipts.write(sql, wh, new Receipts.Options("2025Q2", null, Path.of("receipts"), PackOptions.of("0.1.0"))); }}
 * (on a local warehouse DuckDB reads it: the supplier is not called).
 *
 * <p>Every file of the quarter in the ingest log is on exactly one receipt: an accepted ledger on
 * its branch's, a rejected file on the receipt of the branch its cover names, else of the one
 * branch its file name spells (as {@code stg_ledgers} reads file names), else under
 * {@value #UNIDENTIFIED}. Outcomes and counts are today's: current/superseded from silver ledgers,
 * rows per sheet from bronze, problems from quarantine (a later ledger can change both).
 */
public final class Receipts {
  /** Addressee of files that name no branch (no readable cover, no branch code in the file name). */
  public static final String UNIDENTIFIED = "未识别";
  /** The ledger sheets, in the order a receipt lists them (the cover's lines are not data rows). */
  public static final List<String> LEDGER_SHEETS = List.of("名册", "积分明细", "民主评议", "组织处置");
  static final String COVER = "封面";
  static final String BRANCH_LEVEL = "党支部";

  /** A code that may name a file: no path separators, no dots. */
  private static final Pattern SAFE_CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
  /** Tokens of a file name that may be branch codes (the rule of stg_ledgers.name_branches). */
  private static final Pattern NAME_TOKEN = Pattern.compile("[A-Za-z0-9-]+");
  private static final Pattern QUARTER = Pattern.compile("\\d{4}Q[1-4]");

  private Receipts() {}

  /**
   * What to write.
   *
   * @param period a quarter ({@code 2025Q2})
   * @param unit an org code: only the branches at or under it (and the summary of them); null for all
   * @param outDir receipts go to {@code outDir/<period>/}
   * @param pack generation time, jifen version and time zone of the dates shown
   */
  public record Options(String period, String unit, Path outDir, PackOptions pack) {
    public Options {
      Objects.requireNonNull(period, "period");
      Objects.requireNonNull(outDir, "outDir");
      Objects.requireNonNull(pack, "pack");
      if (!QUARTER.matcher(period).matches()) {
        throw new IllegalArgumentException("period '" + period + "' is not a quarter like 2025Q2");
      }
    }
  }

  /** One receipt written. */
  public record Written(String branchCode, String branchName, Path file, int files, int filesRejected,
      long rowsAccepted, long problems) {}

  /**
   * What was written for a quarter.
   *
   * @param summary the summary's file, or null when it could not be written (see {@code failures})
   * @param failures one line per receipt (or summary) that could not be written: the branch code
   *     (or {@code 回执汇总}) and why; the others were written
   */
  public record Result(String period, Path directory, List<Written> receipts, Path summary, int branchesExpected,
      int branchesMissing, long problems, List<String> failures) {}

  // ---- facts read from the warehouse --------------------------------------------------------------

  record Org(String code, String name, String level, boolean active, String path, String committee) {}

  record Submission(String branch, String status, Instant firstReceived, Instant deadline) {}

  /** One file of the quarter: its latest non-duplicate ingest-log row, corrected by silver and quarantine. */
  record FileFacts(String sha, String sourceFile, String coverBranch, Integer version, Instant received,
      String outcome, String warningCode, String warningMessage) {}

  /**
   * A file the ingest did not read because an earlier file had the same content: listed on the
   * receipt of the branch its name spells (else of the original's), keyed {@code duplicate:<file>}.
   */
  record Duplicate(String key, String sha, String sourceFile, Instant received, String originalPeriod,
      String originalFile) {}

  static final String DUPLICATE = "duplicate";

  record Quarantined(String sha, String sourceFile, String branch, String sheet, Integer row, String column,
      String code, String message, String raw, String ledgerStatus) {}

  /** Everything a quarter's receipts are made from (collected; a quarter's facts are small). */
  record Facts(String period, Map<String, Org> orgs, Map<String, Submission> submissions, Instant deadline,
      Map<String, FileFacts> files, List<Duplicate> duplicates, List<Quarantined> quarantine,
      Map<String, Map<String, Long>> sheetRows) {}

  // ---- entry point --------------------------------------------------------------------------------

  /**
   * The views receipts are read from: silver orgs, submissions and ledgers, the ingest log,
   * quarantined rows and bronze ledger rows.
   */
  public static final List<WarehouseSql.Table> TABLES = List.of(
      new WarehouseSql.Table("orgs", Warehouse.SILVER, "orgs"),
      new WarehouseSql.Table("submissions", Warehouse.SILVER, "submissions"),
      new WarehouseSql.Table("ledgers", Warehouse.SILVER, "ledgers"),
      new WarehouseSql.Table("ingest_log", Warehouse.META, "ingest_log"),
      new WarehouseSql.Table("quarantine", Warehouse.QUARANTINE, "rows"),
      new WarehouseSql.Table("ledger_rows", Warehouse.BRONZE, "ledger_rows"));

  /** Writes the receipts and the summary of one quarter, reading the views of {@link #TABLES}. */
  public static Result write(WarehouseSql sql, Warehouse wh, Options o) throws IOException {
    Facts facts = read(sql, wh, o.period());
    ReasonTexts.Names names = names(sql, wh, facts.orgs());
    return write(facts, names, o);
  }

  /** The quarters the warehouse holds submissions for (view {@code submissions}). */
  public static List<String> periods(WarehouseSql sql) {
    if (!sql.exists("submissions")) {
      return List.of();
    }
    return sql.rows("select distinct period from submissions order by period").stream().map(r -> r.str(0)).toList();
  }

  static Result write(Facts f, ReasonTexts.Names names, Options o) throws IOException {
    Set<String> scope = scope(f, o.unit());
    Map<String, List<FileFacts>> byBranch = new TreeMap<>();
    Map<String, String> attributedByName = new HashMap<>();
    Map<String, Duplicate> duplicates = new HashMap<>();
    f.duplicates().forEach(d -> duplicates.put(d.key(), d));
    for (FileFacts file : f.files().values()) {
      String to = addressee(file, f.orgs());
      Duplicate d = duplicates.get(file.sha());
      if (d != null && UNIDENTIFIED.equals(to) && f.files().containsKey(d.sha())) {
        to = addressee(f.files().get(d.sha()), f.orgs()); // a name without a branch code: the original's branch
      }
      if (!to.equals(file.coverBranch()) && "rejected".equals(file.outcome())) {
        attributedByName.put(file.sha(), to);
      }
      if (inScope(to, scope, o.unit())) {
        byBranch.computeIfAbsent(to, k -> new ArrayList<>()).add(file);
      }
    }
    if (o.unit() != null && !f.orgs().containsKey(o.unit()) && byBranch.isEmpty()) {
      throw new IllegalArgumentException("--unit " + o.unit() + " is neither in the org tree nor the addressee of "
          + "any file of " + o.period());
    }
    Map<String, List<Quarantined>> problemsBySha = new HashMap<>();
    for (Quarantined q : f.quarantine()) {
      problemsBySha.computeIfAbsent(q.sha(), k -> new ArrayList<>()).add(q);
    }
    // in the order of the file, whatever order the rows were read in: kinds of problems with equal
    // counts are then listed (outcome, summary) in the order the receipt lists the problems
    problemsBySha.replaceAll((sha, list) -> sorted(list));
    Path dir = o.outDir().resolve(o.period());
    List<Written> written = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    Map<String, BranchView> views = new LinkedHashMap<>();
    for (Map.Entry<String, List<FileFacts>> e : byBranch.entrySet()) {
      BranchView v = new BranchView(e.getKey(), e.getValue(), f, problemsBySha, attributedByName, names);
      views.put(e.getKey(), v);
      Path file = dir.resolve(receiptFileName(e.getKey(), o.period()));
      // The pack rule: one branch's receipt failing does not stop the others; failures are listed.
      try {
        ReceiptWorkbooks.writeReceipt(v.receipt(issuer(f.orgs())), o.pack(), file);
      } catch (IOException | RuntimeException x) {
        failures.add(e.getKey() + ": " + TemplateFiles.describe(x));
        continue;
      }
      written.add(new Written(e.getKey(), v.org == null ? null : v.org.name(), file, v.files.size(),
          v.rejectedFiles(), v.currentAccepted(), v.problemCount()));
    }
    SummaryBuilder sb = new SummaryBuilder(f, o, scope, views);
    ReceiptSummary summary = sb.build();
    Path summaryFile = dir.resolve(summaryFileName(o.unit(), o.period()));
    try {
      ReceiptWorkbooks.writeSummary(summary, o.pack(), summaryFile);
    } catch (IOException | RuntimeException x) {
      failures.add("回执汇总: " + TemplateFiles.describe(x));
      summaryFile = null;
    }
    return new Result(o.period(), dir, written, summaryFile, sb.expected.size(), sb.missing,
        views.values().stream().mapToLong(BranchView::problemCount).sum(), List.copyOf(failures));
  }

  /** {@code 回执_QS01B06_2025Q2.xlsx}. */
  public static String receiptFileName(String branch, String period) {
    return "回执_" + branch + "_" + period + ".xlsx";
  }

  /** {@code 回执汇总_2025Q2.xlsx}, or {@code 回执汇总_QS01_2025Q2.xlsx} for one unit. */
  public static String summaryFileName(String unit, String period) {
    return "回执汇总_" + (unit == null ? "" : unit + "_") + period + ".xlsx";
  }

  /**
   * The branch a file's receipt goes to: its cover's branch when that is a 党支部 of the org tree,
   * else the one 党支部 its file name spells, else the cover's code when it can name a file, else
   * {@value #UNIDENTIFIED}.
   */
  static String addressee(FileFacts file, Map<String, Org> orgs) {
    String cover = file.coverBranch() == null ? null : file.coverBranch().strip();
    if (cover != null && isBranch(orgs.get(cover))) {
      return cover;
    }
    Set<String> named = new TreeSet<>();
    Matcher m = NAME_TOKEN.matcher(file.sourceFile() == null ? "" : file.sourceFile());
    while (m.find()) {
      if (isBranch(orgs.get(m.group()))) {
        named.add(m.group());
      }
    }
    if (named.size() == 1) {
      return named.iterator().next();
    }
    if (cover != null && SAFE_CODE.matcher(cover).matches()) {
      return cover;
    }
    return UNIDENTIFIED;
  }

  private static boolean isBranch(Org o) {
    return o != null && BRANCH_LEVEL.equals(o.level());
  }

  /** Org codes at or under the unit; null for everything. */
  private static Set<String> scope(Facts f, String unit) {
    if (unit == null) {
      return null;
    }
    Set<String> s = new TreeSet<>();
    for (Org o : f.orgs().values()) {
      if (Arrays.asList(o.path().split("/")).contains(unit)) {
        s.add(o.code());
      }
    }
    return s;
  }

  private static boolean inScope(String code, Set<String> scope, String unit) {
    return scope == null || scope.contains(code) || code.equals(unit);
  }

  /** The issuer of receipts: the root of the org tree's organization department ({@code 青山区委组织部}). */
  static String issuer(Map<String, Org> orgs) {
    for (Org o : orgs.values()) {
      if (o.path().equals(o.code())) {
        return o.name() + "组织部";
      }
    }
    return "组织部";
  }

  // ---- reading ------------------------------------------------------------------------------------

  static Facts read(WarehouseSql sql, Warehouse wh, String period) {
    if (!sql.exists("ingest_log") || !sql.exists("submissions")) {
      throw new IllegalArgumentException("The warehouse at " + wh.root() + " holds no ingested period yet "
          + "(run jifen ingest first)");
    }
    List<String> periods = periods(sql);
    if (!periods.contains(period)) {
      throw new IllegalArgumentException("Period " + period + " has not been ingested; the warehouse holds "
          + (periods.isEmpty() ? "none" : String.join(", ", periods)));
    }
    Map<String, Object> args = Map.of("period", period);
    Map<String, Org> orgs = new TreeMap<>();
    if (sql.exists("orgs")) {
      for (Rec r : sql.rows("select org_code, org_name, level, active, path, committee_code from orgs")) {
        orgs.put(r.str(0), new Org(r.str(0), r.str(1), r.str(2), Boolean.TRUE.equals(r.bool("active")), r.str(4),
            r.str(5)));
      }
    }
    Map<String, Submission> subs = new TreeMap<>();
    Instant deadline = null;
    for (Rec r : sql.rows("select branch_code, status, first_received_at, deadline from submissions "
        + "where period = :period order by branch_code", args)) {
      Submission s = new Submission(r.str(0), r.str(1), r.instant("first_received_at"), r.instant("deadline"));
      subs.put(s.branch(), s);
      deadline = s.deadline();
    }

    Map<String, FileFacts> files = new TreeMap<>();
    Map<String, Instant> loggedAt = new HashMap<>();
    List<Duplicate> duplicates = new ArrayList<>();
    // the latest row of a file re-logged by a later batch counts: rows in the order they were logged
    for (Rec r : sql.rows("select file_sha256, source_file, branch_code, version, received_at, outcome, logged_at"
        + warnings(sql, "ingest_log") + " from ingest_log where period = :period "
        + "order by logged_at nulls first, source_file nulls first", args)) {
      String sha = r.str("file_sha256");
      if (DUPLICATE.equals(r.str("outcome"))) {
        duplicates.add(new Duplicate(DUPLICATE + ":" + r.str("source_file"), sha, r.str("source_file"),
            r.instant("received_at"), null, null));
        continue;
      }
      Instant at = r.instant("logged_at");
      Instant before = loggedAt.get(sha);
      if (before != null && !at.isAfter(before)) {
        continue;
      }
      loggedAt.put(sha, at);
      files.put(sha, new FileFacts(sha, r.str("source_file"), r.str("branch_code"), r.integer("version"),
          r.instant("received_at"), r.str("outcome"), warning(r, "warning_code"), warning(r, "warning_message")));
    }

    // Today's outcome of every accepted ledger (a later version supersedes an earlier one).
    if (sql.exists("ledgers")) {
      for (Rec r : sql.rows("select ledger_id, source_file, branch_code, version, received_at, status"
          + warnings(sql, "ledgers") + " from ledgers where period = :period order by ledger_id", args)) {
        String sha = r.str("ledger_id");
        FileFacts known = files.get(sha);
        String code = warning(r, "warning_code");
        String message = warning(r, "warning_message");
        files.put(sha, new FileFacts(sha, r.str("source_file"), r.str("branch_code"), r.integer("version"),
            r.instant("received_at"), r.str("status"),
            code != null ? code : known == null ? null : known.warningCode(),
            message != null ? message : known == null ? null : known.warningMessage()));
      }
    }

    List<Quarantined> quarantine = new ArrayList<>();
    if (sql.exists("quarantine")) {
      for (Rec r : sql.rows("select ledger_id, source_file, branch_code, sheet, row_num, column_name, reason_code, "
          + "message, raw_value, ledger_status from quarantine where period = :period order by ledger_id nulls first, "
          + "source_file nulls first, sheet nulls first, row_num nulls first, column_name nulls first, "
          + "reason_code nulls first", args)) {
        Quarantined q = new Quarantined(r.str(0), r.str(1), r.str(2), r.str(3), r.integer("row_num"), r.str(5),
            r.str(6), r.str(7), r.str(8), r.str(9));
        quarantine.add(q);
        FileFacts known = files.get(q.sha());
        if ("rejected".equals(q.ledgerStatus())) {
          files.put(q.sha(), known == null
              ? new FileFacts(q.sha(), q.sourceFile(), q.branch(), null, null, "rejected", null, null)
              : new FileFacts(known.sha(), known.sourceFile(), known.coverBranch() != null ? known.coverBranch()
                  : q.branch(), known.version(), known.received(), "rejected", null, null));
        } else if (known == null) {
          files.put(q.sha(), new FileFacts(q.sha(), q.sourceFile(), q.branch(), null, null, q.ledgerStatus(),
              null, null));
        }
      }
    }

    Map<String, Map<String, Long>> sheetRows = new HashMap<>();
    if (sql.exists("ledger_rows")) {
      for (Rec r : sql.rows("select file_sha256, sheet, count(*) as n from ledger_rows where inbox_period = :period "
          + "group by file_sha256, sheet", args)) {
        if (files.containsKey(r.str(0))) {
          sheetRows.computeIfAbsent(r.str(0), k -> new TreeMap<>()).put(r.str(1), r.count("n"));
        }
      }
    }
    duplicates = originals(sql, period, duplicates);
    for (Duplicate d : duplicates) {
      files.put(d.key(), new FileFacts(d.key(), d.sourceFile(), null, null, d.received(), DUPLICATE, null, null));
    }
    // A rejected file whose cover was never read has no 版本 (the conform step's default 1 means nothing).
    for (FileFacts x : List.copyOf(files.values())) {
      if ("rejected".equals(x.outcome()) && !sheetRows.getOrDefault(x.sha(), Map.of()).containsKey(COVER)) {
        files.put(x.sha(), new FileFacts(x.sha(), x.sourceFile(), x.coverBranch(), null, x.received(), x.outcome(),
            x.warningCode(), x.warningMessage()));
      }
    }
    if (deadline == null) {
      deadline = deadline(period, configuredDeadlineDays(sql, wh));
    }
    return new Facts(period, orgs, subs, deadline, files, duplicates, quarantine, sheetRows);
  }

  /** {@code , warning_code, warning_message} when the view has them (tables written before warnings lack them). */
  private static String warnings(WarehouseSql sql, String view) {
    return sql.hasColumn(view, "warning_code") ? ", warning_code, warning_message" : "";
  }

  private static String warning(Rec r, String column) {
    return r.has(column) ? r.str(column) : null;
  }

  /** The duplicates with the period and name of the file they repeat (any period). */
  private static List<Duplicate> originals(WarehouseSql sql, String period, List<Duplicate> duplicates) {
    if (duplicates.isEmpty()) {
      return duplicates;
    }
    Map<String, Rec> first = new HashMap<>();
    for (Rec r : sql.rows("select file_sha256, period, source_file from ingest_log where outcome <> 'duplicate' "
        + "and file_sha256 in (select file_sha256 from ingest_log where period = :period and outcome = 'duplicate') "
        + "order by period nulls first, source_file nulls first", Map.of("period", period))) {
      first.putIfAbsent(r.str(0), r);
    }
    List<Duplicate> out = new ArrayList<>();
    for (Duplicate d : duplicates) {
      Rec o = first.get(d.sha());
      out.add(new Duplicate(d.key(), d.sha(), d.sourceFile(), d.received(), o == null ? null : o.str(1),
          o == null ? null : o.str(2)));
    }
    return out;
  }

  private static int configuredDeadlineDays(WarehouseSql sql, Warehouse wh) {
    DistrictConfig c = DistrictConfig.read(sql.hadoopConf(), wh);
    return c == null ? DistrictConfig.DEADLINE_DAYS_DEFAULT : c.deadlineDays();
  }
  /** The rule of sql/silver/submissions.sql: 23:59:59 UTC+8 on the configured day after quarter end. */
  static Instant deadline(String period, int deadlineDays) {
    int year = Integer.parseInt(period.substring(0, 4));
    int quarter = period.charAt(5) - '0';
    java.time.LocalDate end = java.time.LocalDate.of(year, quarter * 3, 1).plusMonths(1).minusDays(1);
    return end.plusDays(deadlineDays).atTime(23, 59, 59).toInstant(java.time.ZoneOffset.ofHours(8));
  }

  /**
   * Hours after the deadline, one decimal, as the mart's submissions compute them (whole epoch
   * seconds, rounded half away from zero); null when received by the deadline.
   */
  public static BigDecimal hoursLate(Instant received, Instant deadline) {
    if (received == null || deadline == null || !received.isAfter(deadline)) {
      return null;
    }
    long seconds = received.getEpochSecond() - deadline.getEpochSecond();
    return BigDecimal.valueOf((seconds + 180) / 360).movePointLeft(1).setScale(1);
  }

  /** Item names of the scheme configured for each year, branch names of the org tree. */
  private static ReasonTexts.Names names(WarehouseSql sql, Warehouse wh, Map<String, Org> orgs) {
    DistrictConfig config = DistrictConfig.read(sql.hadoopConf(), wh);
    DistrictConfig c = config == null ? DistrictConfig.defaults() : config;
    Map<Integer, Scheme> schemes = new HashMap<>();
    return new ReasonTexts.Names() {
      @Override
      public String item(int year, String code) {
        if (code == null) {
          return "";
        }
        Scheme s = schemes.computeIfAbsent(year, y -> {
          try {
            return Schemes.load(c.schemeFor(y));
          } catch (RuntimeException e) {
            return null; // a scheme file moved away: codes without names
          }
        });
        return s == null ? code : s.item(code).map(i -> code + "（" + i.name() + "）").orElse(code);
      }

      @Override
      public String branch(String code) {
        Org o = orgs.get(code);
        return o == null ? code : code + "（" + o.name() + "）";
      }
    };
  }

  // ---- one branch ---------------------------------------------------------------------------------

  /** A branch's files with their counts and problems, and the receipt made of them. */
  static final class BranchView {
    final String code;
    final Org org;
    final List<FileFacts> files;
    final Facts facts;
    final Map<String, List<Quarantined>> problems;
    final Map<String, String> attributedByName;
    final ReasonTexts.Names names;
    final FileFacts current;

    BranchView(String code, List<FileFacts> files, Facts facts, Map<String, List<Quarantined>> problems,
        Map<String, String> attributedByName, ReasonTexts.Names names) {
      this.code = code;
      this.org = facts.orgs().get(code);
      this.files = new ArrayList<>(files);
      this.files.sort(Comparator.comparing(FileFacts::received, Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(FileFacts::sourceFile));
      this.facts = facts;
      this.problems = problems;
      this.attributedByName = attributedByName;
      this.names = names;
      this.current = this.files.stream().filter(x -> "current".equals(x.outcome())).findFirst().orElse(null);
    }

    List<Quarantined> problemsOf(FileFacts f) {
      return problems.getOrDefault(f.sha(), List.of());
    }

    long problemCount() {
      return files.stream().mapToLong(f -> problemsOf(f).size()).sum();
    }

    int rejectedFiles() {
      return (int) files.stream().filter(f -> "rejected".equals(f.outcome())).count();
    }

    long currentAccepted() {
      return current == null ? 0 : counts(current).values().stream().mapToLong(c -> c[1]).sum();
    }

    /** Per sheet of a file: {read, accepted, with problems}; ledger sheets first, then the others. */
    Map<String, long[]> counts(FileFacts f) {
      Map<String, Long> read = facts.sheetRows().getOrDefault(f.sha(), Map.of());
      Map<String, Set<Integer>> held = new HashMap<>();
      for (Quarantined q : problemsOf(f)) {
        if (q.sheet() != null && q.row() != null) {
          held.computeIfAbsent(q.sheet(), k -> new TreeSet<>()).add(q.row());
        }
      }
      boolean rejected = "rejected".equals(f.outcome());
      Map<String, long[]> out = new LinkedHashMap<>();
      for (String sheet : LEDGER_SHEETS) {
        long n = read.getOrDefault(sheet, 0L);
        long bad = rejected ? n : held.getOrDefault(sheet, Set.of()).size();
        if (n > 0 || bad > 0) {
          out.put(sheet, new long[] {n, Math.max(0, n - bad), bad});
        }
      }
      return out;
    }

    Map<String, Long> otherSheets(FileFacts f) {
      Map<String, Long> out = new TreeMap<>();
      facts.sheetRows().getOrDefault(f.sha(), Map.of()).forEach((sheet, n) -> {
        if (!LEDGER_SHEETS.contains(sheet) && !COVER.equals(sheet)) {
          out.put(sheet, n);
        }
      });
      return out;
    }

    String display(FileFacts f) {
      return displayName(f.sourceFile(), facts.period());
    }

    String versionState(FileFacts f) {
      return switch (f.outcome() == null ? "" : f.outcome()) {
        case "current" -> "当前有效版本";
        case "superseded" -> current == null ? "已被替代" : "已被版本" + current.version() + "替代";
        case "rejected" -> "整份退回";
        case DUPLICATE -> "未读取（内容重复）";
        default -> "未确定";
      };
    }

    private String outcome(FileFacts f) {
      if ("rejected".equals(f.outcome())) {
        Set<String> titles = new LinkedHashSet<>();
        for (Quarantined q : problemsOf(f)) {
          titles.add(ReasonTexts.title(q.code()));
        }
        return "整份退回：" + (titles.isEmpty() ? "文件无法接收" : String.join("、", titles));
      }
      if ("current".equals(f.outcome())) {
        return "已接收，为当前有效版本";
      }
      if (DUPLICATE.equals(f.outcome())) {
        Duplicate d = facts.duplicates().stream().filter(x -> x.key().equals(f.sha())).findFirst().orElse(null);
        if (d == null || d.originalFile() == null) {
          return "未读取：与已收到的文件内容完全相同";
        }
        return "未读取：与已收到的" + (facts.period().equals(d.originalPeriod()) ? ""
            : ReasonTexts.periodLabel(d.originalPeriod())) + "文件“" + displayName(d.originalFile(),
            d.originalPeriod()) + "”内容完全相同";
      }
      return "已接收，" + versionState(f) + "（以新版本为准）";
    }

    /** True for a file received after the branch's first accepted ledger: it does not change the submission time. */
    private boolean afterFirstAccepted(FileFacts f) {
      Submission sub = facts.submissions().get(code);
      return sub != null && sub.firstReceived() != null && f.received() != null
          && f.received().isAfter(sub.firstReceived());
    }

    int nextVersion() {
      int max = 0;
      for (FileFacts f : files) {
        if (f.version() != null) {
          max = Math.max(max, f.version());
        }
      }
      return max + 1;
    }

    Receipt receipt(String issuer) {
      List<Receipt.ReceivedFile> received = new ArrayList<>();
      List<Receipt.SheetCount> sheets = new ArrayList<>();
      List<Receipt.Problem> list = new ArrayList<>();
      List<String> notes = new ArrayList<>();
      for (FileFacts f : files) {
        Map<String, long[]> c = counts(f);
        Map<String, Long> other = otherSheets(f);
        long read = c.values().stream().mapToLong(x -> x[0]).sum();
        long acc = c.values().stream().mapToLong(x -> x[1]).sum();
        long bad = c.values().stream().mapToLong(x -> x[2]).sum();
        long notLedger = other.values().stream().mapToLong(Long::longValue).sum();
        received.add(new Receipt.ReceivedFile(display(f), f.version(), f.received(),
            hoursLate(f.received(), facts.deadline()), afterFirstAccepted(f), outcome(f), read + notLedger, acc, bad,
            notLedger));
        boolean rejected = "rejected".equals(f.outcome());
        c.forEach((sheet, x) -> sheets.add(new Receipt.SheetCount(display(f), sheet, x[0], x[1], x[2],
            rejected ? "整份退回，未计入" : x[2] == 0 ? "全部接收" : x[2] + "行有问题，见问题明细")));
        other.forEach((sheet, n) -> sheets.add(new Receipt.SheetCount(display(f), sheet, n, 0, 0,
            "不是台账工作表，未读取使用")));
        for (Quarantined q : problemsOf(f)) {
          ReasonTexts.Found found = new ReasonTexts.Found(q.code(), facts.period(), q.sheet(), q.row(),
              q.column(), q.raw(), q.message());
          list.add(new Receipt.Problem(display(f), versionState(f), q.sheet(), q.row(), columnLabel(q),
              found.shown(), ReasonTexts.explain(found, names), ReasonTexts.title(q.code()), q.code()));
        }
        notes.addAll(notes(f, other));
      }
      return new Receipt(facts.period(), code, org == null ? null : org.name(), committeeName(), issuer,
          facts.deadline(), conclusion(), received, sheets, list, notes, steps());
    }

    private List<String> notes(FileFacts f, Map<String, Long> other) {
      List<String> notes = new ArrayList<>();
      String name = "文件“" + display(f) + "”";
      if (f.warningCode() != null) {
        notes.add(name + "：" + ReasonTexts.explain(new ReasonTexts.Found(f.warningCode(), facts.period(), null, null,
            null, null, f.warningMessage()), names));
      }
      if (!other.isEmpty()) {
        List<String> parts = new ArrayList<>();
        other.forEach((sheet, n) -> parts.add("“" + sheet + "”（" + n + "行）"));
        notes.add(name + "中的工作表" + String.join("、", parts) + "不是台账工作表，其中的内容未读取使用；"
            + "如其中有名册、积分登记等内容，请移到对应的台账工作表。");
      }
      if (attributedByName.containsKey(f.sha())) {
        notes.add(name + (f.coverBranch() == null || f.coverBranch().isBlank() ? "的封面无法读取"
            : "封面的支部编码“" + f.coverBranch() + "”不是组织架构中的党支部") + "，按文件名中的编码归入本支部。");
      }
      if ("superseded".equals(f.outcome()) && current != null) {
        notes.add(name + "（版本" + f.version() + "）已被“" + display(current) + "”（版本" + current.version()
            + "）替代，以新版本计入统计；旧版本中列出的问题仅供参考。");
      }
      return notes;
    }

    private String conclusion() {
      StringBuilder s = new StringBuilder();
      if (current != null) {
        long bad = problemsOf(current).size();
        s.append("已接收并采用“").append(display(current)).append("”（版本").append(current.version()).append("）");
        if (bad == 0) {
          s.append("，").append(currentAccepted()).append("行数据已全部计入，未发现问题。");
        } else {
          s.append("：").append(currentAccepted()).append("行已计入；").append(bad)
              .append("行有问题，暂未计入统计，请按“问题明细”逐行更正后，将封面“版本”改为").append(nextVersion())
              .append("，整份重新报送。");
        }
      } else {
        long rejected = rejectedFiles();
        long repeated = files.stream().filter(f -> DUPLICATE.equals(f.outcome())).count();
        if (files.size() == 1) {
          s.append(rejected == 1 ? "本季度收到的文件被整份退回" : "本季度收到的文件与此前已收到的文件内容完全相同，未再读取");
        } else {
          List<String> parts = new ArrayList<>();
          if (rejected > 0) {
            parts.add(rejected + "份被整份退回");
          }
          if (repeated > 0) {
            parts.add(repeated + "份与此前已收到的文件内容完全相同，未再读取");
          }
          s.append("本季度收到的").append(files.size()).append("份文件中，").append(String.join("，", parts));
        }
        s.append("，本支部本季度尚未报送成功。").append(rejected > 0 ? "请按“问题明细”的说明更正后重新报送。"
            : "请确认是否误报了其他季度或其他支部的台账，并报送本季度的台账。");
      }
      Submission sub = facts.submissions().get(code);
      if (sub == null) {
        s.append(org == null ? "该支部编码不在组织架构中，不在应报送范围内。"
            : org.active() ? "" : "该党支部在组织架构中已撤销，无需报送。");
      } else if ("on_time".equals(sub.status())) {
        s.append("报送时间：按时报送（").append(zhTime(sub.firstReceived())).append("收到）。");
      } else if ("late".equals(sub.status())) {
        s.append("报送时间：逾期报送，最早被接收的台账于").append(zhTime(sub.firstReceived())).append("收到，超过截止时间")
            .append(hoursLate(sub.firstReceived(), sub.deadline()).toPlainString()).append("小时；逾期的台账照常计入统计。");
      }
      return s.toString();
    }

    private List<String> steps() {
      int next = nextVersion();
      boolean anyProblem = problemCount() > 0;
      List<String> steps = new ArrayList<>();
      if (!anyProblem && current != null) {
        steps.add("本期无需更正。如以后需要更正（例如申诉后），请把封面“版本”改为" + next + "，整份重新导出后报送。");
        return steps;
      }
      if (!anyProblem) {
        steps.add("报送本支部" + ReasonTexts.periodLabel(facts.period()) + "的台账：封面的支部编码、年度、季度应为"
            + (org != null ? code : "本支部的编码") + "、" + facts.period().substring(0, 4) + "、" + facts.period().charAt(5)
            + "，名册和积分明细为本季度的内容。");
        steps.add("收到后将出具新的回执。截止时间（" + zhTime(facts.deadline()) + "）以后报送的，计为逾期报送。");
        return steps;
      }
      steps.add("打开本支部的原台账，按“问题明细”中的工作表、行号、列逐条更正；没有问题的行不用改动。");
      steps.add("把封面“版本”改为" + next + "（每次重新报送加1）；封面的支部编码、年度、季度应为"
          + (SAFE_CODE.matcher(code).matches() && org != null ? code : "本支部的编码") + "、" + facts.period().substring(0, 4)
          + "、" + facts.period().charAt(5) + "。");
      steps.add("整份重新导出（全部工作表，不要只报送更正的行），格式与原来相同，文件名写明支部编码、季度和版本，如“"
          + (org != null ? code : "支部编码") + "_" + facts.period() + "_v" + next + "”，按原渠道报送。");
      steps.add(current != null
          ? "收到后以版本最高的台账为准计入统计，并出具新的回执；重新报送不改变本支部的报送时间（以最早被接收的台账为准）。"
          : "收到后将出具新的回执。目前本支部本季度还没有被接收的台账，截止时间（" + zhTime(facts.deadline())
              + "）以后报送的，计为逾期报送。");
      return steps;
    }

    private String committeeName() {
      if (org == null || org.committee() == null) {
        return null;
      }
      Org c = facts.orgs().get(org.committee());
      return c == null ? null : c.name();
    }
  }

  /** A problem's column as the branch reads it: the cover's value column as "B列". */
  private static String columnLabel(Quarantined q) {
    String c = q.column();
    if (c != null && COVER.equals(q.sheet()) && c.matches("[A-Z]")) {
      return c + "列";
    }
    return c;
  }

  /** Problems in the order of the file: the cover, the ledger sheets, other sheets; then row and column. */
  static List<Quarantined> sorted(List<Quarantined> list) {
    List<Quarantined> out = new ArrayList<>(list);
    out.sort(Comparator.comparingInt((Quarantined q) -> sheetOrder(q.sheet()))
        .thenComparing(Quarantined::row, Comparator.nullsFirst(Comparator.naturalOrder()))
        .thenComparing(Quarantined::column, Comparator.nullsFirst(Comparator.naturalOrder()))
        .thenComparing(Quarantined::code));
    return out;
  }

  private static int sheetOrder(String sheet) {
    if (sheet == null) {
      return -2;
    }
    if (COVER.equals(sheet)) {
      return -1;
    }
    int i = LEDGER_SHEETS.indexOf(sheet);
    return i < 0 ? LEDGER_SHEETS.size() : i;
  }

  /** A file as the branch named it: without the inbox's period folder. */
  public static String displayName(String sourceFile, String period) {
    if (sourceFile == null) {
      return "";
    }
    return sourceFile.startsWith(period + "/") ? sourceFile.substring(period.length() + 1) : sourceFile;
  }

  static String zhTime(Instant t) {
    return t == null ? "—" : java.time.format.DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm:ss")
        .format(t.atZone(PackOptions.DEFAULT_ZONE));
  }

  // ---- the department's summary -------------------------------------------------------------------

  private static final class SummaryBuilder {
    final Facts f;
    final Options o;
    final Set<String> scope;
    final Map<String, BranchView> views;
    final List<String> expected = new ArrayList<>();
    int missing;

    SummaryBuilder(Facts f, Options o, Set<String> scope, Map<String, BranchView> views) {
      this.f = f;
      this.o = o;
      this.scope = scope;
      this.views = views;
      for (String b : f.submissions().keySet()) {
        if (scope == null || scope.contains(b)) {
          expected.add(b);
        }
      }
    }

    ReceiptSummary build() {
      List<ReceiptSummary.BranchLine> lines = new ArrayList<>();
      List<ReceiptSummary.MissingLine> missingLines = new ArrayList<>();
      int onTime = 0;
      int late = 0;
      int missingRejected = 0;
      for (String b : expected) {
        Submission s = f.submissions().get(b);
        BranchView v = views.get(b);
        Org org = f.orgs().get(b);
        String status = switch (s.status()) {
          case "on_time" -> "按时报送";
          case "late" -> "逾期报送";
          case "returned" -> "报送被退回";
          default -> "未报送";
        };
        if ("on_time".equals(s.status())) {
          onTime++;
        } else if ("late".equals(s.status())) {
          late++;
        } else {
          missing++;
          String why;
          if (v == null) {
            why = "未收到台账文件";
          } else {
            missingRejected++;
            long repeated = v.files.stream().filter(x -> DUPLICATE.equals(x.outcome())).count();
            if (repeated == 0) {
              why = "收到" + v.files.size() + "份文件，" + (v.files.size() == 1 ? "" : "均") + "被整份退回："
                  + titles(v, true);
            } else {
              List<String> parts = new ArrayList<>();
              if (v.rejectedFiles() > 0) {
                parts.add(v.rejectedFiles() + "份被整份退回（" + titles(v, true) + "）");
              }
              parts.add(repeated + "份与已收到的文件内容完全相同（重复报送，未读取）");
              why = "收到" + v.files.size() + "份文件，均未能接收：" + String.join("；", parts);
            }
          }
          missingLines.add(new ReceiptSummary.MissingLine(b, org == null ? null : org.name(), committee(org), why));
        }
        lines.add(line(b, org, status, "late".equals(s.status()) ? hoursLate(s.firstReceived(), s.deadline()) : null,
            v));
      }
      for (BranchView v : views.values()) {
        if (!expected.contains(v.code)) {
          String status = v.org == null ? (UNIDENTIFIED.equals(v.code) ? "无法识别支部" : "组织架构中无此党支部")
              : !BRANCH_LEVEL.equals(v.org.level()) ? "不是党支部" : !v.org.active() ? "党支部已撤销" : "不在应报送范围";
          lines.add(line(v.code, v.org, status, null, v));
        }
      }

      // Branches with problems, by reason: rows counted per row, whole-file reasons per rejected file.
      Map<String, Map<String, Long>> byReason = new TreeMap<>();
      long rowProblems = 0;
      for (BranchView v : views.values()) {
        for (FileFacts file : v.files) {
          for (Quarantined q : v.problemsOf(file)) {
            byReason.computeIfAbsent(q.code(), k -> new TreeMap<>()).merge(v.code, 1L, Long::sum);
            if (!"rejected".equals(q.ledgerStatus())) {
              rowProblems++;
            }
          }
        }
      }
      List<ReceiptSummary.ReasonLine> reasons = new ArrayList<>();
      for (Map.Entry<String, Map<String, Long>> e : byReason.entrySet()) {
        List<String> list = new ArrayList<>();
        e.getValue().forEach((b, n) -> {
          Org org = f.orgs().get(b);
          list.add(b + (org == null ? "" : " " + org.name()) + "（" + n + "）");
        });
        boolean whole = views.values().stream().flatMap(v -> v.files.stream().flatMap(x -> v.problemsOf(x).stream()))
            .filter(q -> q.code().equals(e.getKey())).allMatch(q -> "rejected".equals(q.ledgerStatus()));
        reasons.add(new ReceiptSummary.ReasonLine(e.getKey(), ReasonTexts.title(e.getKey()), whole,
            e.getValue().size(), e.getValue().values().stream().mapToLong(Long::longValue).sum(),
            String.join("；", list)));
      }
      reasons.sort(Comparator.comparingLong(ReceiptSummary.ReasonLine::items).reversed()
          .thenComparing(ReceiptSummary.ReasonLine::code));

      long filesAll = 0;
      long duplicates = 0;
      long current = 0;
      long superseded = 0;
      long rejected = 0;
      long read = 0;
      long acceptedCurrent = 0;
      for (BranchView v : views.values()) {
        for (FileFacts file : v.files) {
          filesAll++;
          switch (file.outcome() == null ? "" : file.outcome()) {
            case "current" -> current++;
            case "superseded" -> superseded++;
            case "rejected" -> rejected++;
            case DUPLICATE -> duplicates++;
            default -> { }
          }
          read += v.counts(file).values().stream().mapToLong(x -> x[0]).sum()
              + v.otherSheets(file).values().stream().mapToLong(Long::longValue).sum();
        }
        acceptedCurrent += v.currentAccepted();
      }
      long withProblems = views.values().stream().filter(v -> v.problemCount() > 0).count();

      List<ReceiptSummary.Figure> overview = List.of(
          new ReceiptSummary.Figure("应报送的党支部（个）", expected.size(), "组织架构中有效的党支部；已撤销的不需报送"),
          new ReceiptSummary.Figure("按时报送（个）", onTime, "以最早被接收的台账的接收时间为准"),
          new ReceiptSummary.Figure("逾期报送（个）", late, "逾期的台账照常计入统计"),
          new ReceiptSummary.Figure("未报送（个）", missing, "其中" + missingRejected + "个党支部报送了文件但均未能接收（被整份退回或重复报送）；"
              + "名单见“" + ReceiptWorkbooks.SHEET_MISSING + "”"),
          new ReceiptSummary.Figure("收到的文件（份）", filesAll, null),
          new ReceiptSummary.Figure("其中：采用（当前有效版本）", current, null),
          new ReceiptSummary.Figure("　　　被新版本替代", superseded, "同一季度以版本最高的台账为准"),
          new ReceiptSummary.Figure("　　　整份退回", rejected, "不算报送；原因见“" + ReceiptWorkbooks.SHEET_REASONS + "”"),
          new ReceiptSummary.Figure("　　　重复报送，未读取", duplicates, "与已收到的文件内容完全相同（同一季度或其他季度）"),
          new ReceiptSummary.Figure("读取的数据行", read, "名册、积分明细、民主评议、组织处置及其他工作表的行，不含封面"),
          new ReceiptSummary.Figure("计入统计的数据行（当前有效版本）", acceptedCurrent, null),
          new ReceiptSummary.Figure("有问题的数据行", rowProblems, "未计入统计，已逐行写入各支部回执；含已被替代版本中的行"),
          new ReceiptSummary.Figure("有问题的党支部（个）", withProblems, "有问题数据行或被退回文件的党支部"),
          new ReceiptSummary.Figure("回执（份）", views.size(), "每个报送了文件的党支部一份"));
      String unitName = o.unit() == null ? rootName() : f.orgs().containsKey(o.unit()) ? f.orgs().get(o.unit()).name()
          : o.unit();
      return new ReceiptSummary(f.period(), unitName, issuer(f.orgs()), f.deadline(), overview, lines, reasons,
          missingLines);
    }

    private ReceiptSummary.BranchLine line(String code, Org org, String status, BigDecimal late, BranchView v) {
      return new ReceiptSummary.BranchLine(code, org == null ? null : org.name(), committee(org), status, late,
          v == null ? 0 : v.files.size(), v == null ? 0 : v.rejectedFiles(), v == null ? 0 : v.currentAccepted(),
          v == null ? 0 : v.problemCount(), v == null ? null : titles(v, false),
          v == null ? null : receiptFileName(code, f.period()));
    }

    /** The kinds of problems of a branch's files, most frequent first, with counts. */
    private static String titles(BranchView v, boolean rejectedOnly) {
      Map<String, Long> n = new LinkedHashMap<>();
      for (FileFacts file : v.files) {
        if (rejectedOnly && !"rejected".equals(file.outcome())) {
          continue;
        }
        for (Quarantined q : v.problemsOf(file)) {
          n.merge(ReasonTexts.title(q.code()), 1L, Long::sum);
        }
      }
      List<String> out = new ArrayList<>();
      n.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .forEach(e -> out.add(e.getKey() + (e.getValue() > 1 ? "（" + e.getValue() + "）" : "")));
      return String.join("、", out);
    }

    private String committee(Org org) {
      if (org == null || org.committee() == null) {
        return null;
      }
      Org c = f.orgs().get(org.committee());
      return c == null ? null : c.name();
    }

    private String rootName() {
      for (Org org : f.orgs().values()) {
        if (org.path().equals(org.code())) {
          return org.name();
        }
      }
      return "";
    }
  }
}
