package org.jifen.samples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jifen.samples.Layout.Format;
import org.jifen.samples.SampleGenerator.Size;
import org.jifen.samples.SampleGenerator.Summary;

/** Writes README.md into the output: what the generated sample contains and where its traps are. */
final class SampleReadme {
  private SampleReadme() {}

  static void write(Path file, DistrictPlan plan, Summary s, List<String> appealNotes) throws IOException {
    StringBuilder md = new StringBuilder();
    String sizeArg = plan.size.name().toLowerCase(Locale.ROOT);
    md.append("# Synthetic district sample (").append(sizeArg).append(", seed ").append(plan.seed).append(")\n\n");
    md.append("A year (").append(Periods.YEAR).append("Q1–Q4) of branch points ledgers of a made-up district, ")
        .append(OrgNames.DISTRICT_NAME).append(" (`").append(DistrictPlan.CODE_PREFIX).append("`), written by ")
        .append("`jifen samples`. Names, member codes and ID numbers are invented (ID numbers carry a valid ")
        .append("check digit but belong to nobody). Ledgers follow the `district-100` scheme (DOMAIN §5.1).\n\n");
    // Depends on seed and size only, so the same sample gives the same README wherever it is written.
    boolean committed = plan.size == Size.SMALL && plan.seed == SampleGenerator.DEFAULT_SEED;
    String dirName = committed ? "data-samples" : "<dir>";
    md.append("Regenerate from the repository root (never edit by hand):\n\n```\n./jifen samples --out ")
        .append(dirName).append(" --seed ").append(plan.seed).append(" --size ").append(sizeArg)
        .append(" --force\n```\n\n");
    if (committed) {
      md.append("or through Maven (the test `DataSamplesTest` also fails when this directory is stale):\n\n```\n")
          .append("mvn -q -B -pl jobs -am test -Dtest=DataSamplesTest -Dsurefire.failIfNoSpecifiedTests=false ")
          .append("-Djifen.samples.regenerate=true\n```\n\n");
    }
    md.append("Same seed and size give byte-identical CSV files and xlsx workbooks. Git does not keep file ")
        .append("modification times, so the received time of every export is in `inbox/received.csv` ")
        .append("(the generator also sets each file's modification time to it).\n\n");

    md.append("## Layout\n\n| path | content |\n|---|---|\n")
        .append("| `orgs.xlsx` | org tree, sheet 组织架构: 组织编码, 组织名称, 上级组织编码, 组织层级, 领域, 状态, 负责人 |\n")
        .append("| `inbox/<period>/<branch>_<period>.xlsx` | a branch ledger workbook: 封面, 名册, 积分明细, (民主评议 in Q4), 组织处置 |\n")
        .append("| `inbox/<period>/<branch>_<period>/` | the same sheets as CSV files (`封面.csv`, `名册.csv`, ...) |\n")
        .append("| `inbox/<period>/<branch>_<period>.zip` | the same CSV files zipped (UTF-8 with BOM) |\n")
        .append("| `inbox/<period>/<branch>_<period>_v2.xlsx` | a corrected re-export after an appeal (版本 2) |\n")
        .append("| `inbox/received.csv` | `period,file,received_at`: when each export arrived (ISO-8601, +08:00) |\n")
        .append("| `faults.csv` | `period,file,sheet,row,column,expected_reason`: every deliberate fault |\n\n");
    md.append("Deadline of a quarter: 23:59:59 (UTC+8) on the ").append(Periods.DEADLINE_DAYS)
        .append("th day after it ends, e.g. ").append(SampleGenerator.ISO_SECONDS.format(Periods.deadline(1)))
        .append(" for Q1.\n\n");

    // Sizes
    long committees = plan.orgs.stream().filter(o -> o.parent == plan.district).count();
    long generals = plan.orgs.stream().filter(o -> Org.GENERAL_BRANCH.equals(o.level)).count();
    md.append("## Size\n\n| what | count |\n|---|---|\n");
    row(md, "org tree rows", s.orgs());
    row(md, "committees (党委/工委)", committees);
    row(md, "general branches (党总支)", generals);
    row(md, "active branches (党支部, 有效)", s.branches());
    row(md, "dissolved branches (撤销, never export)", plan.dissolved.size());
    row(md, "people on rosters during the year (党员编号)", s.members());
    row(md, "exports in the inbox (faulty ones included)", s.files());
    row(md, "积分明细 rows", s.entries());
    row(md, "late exports", s.lateExports());
    row(md, "branch-quarters without any export", s.missingExports());
    row(md, "exports with a deliberate fault", s.faultyFiles());
    md.append('\n');

    md.append("Per quarter:\n\n| period | exports | xlsx | CSV folder GBK | CSV folder UTF-8 | zip | late | missing |"
        + " rejected whole |\n|---|---|---|---|---|---|---|---|---|\n");
    List<Export> all = plan.allExports();
    for (int q = 1; q <= 4; q++) {
      int fq = q;
      List<Export> in = all.stream().filter(e -> e.quarter == fq).toList();
      long missing = plan.branches.stream().filter(b -> plan.exports.get(b)[fq - 1] == null).count();
      md.append("| ").append(Periods.name(q)).append(" | ").append(in.size());
      for (Format f : Format.values()) {
        md.append(" | ").append(in.stream().filter(e -> e.branch.layout.format == f).count());
      }
      md.append(" | ").append(in.stream().filter(e -> e.late).count()).append(" | ").append(missing).append(" | ")
          .append(in.stream().filter(e -> e.fileFault != null).count()).append(" |\n");
    }
    md.append('\n');

    // Submissions
    md.append("## Submissions\n\nMost branches export on time. Late exports (received after the deadline):\n\n");
    md.append("| period | file | received_at |\n|---|---|---|\n");
    int shown = 0;
    for (Export e : all) {
      if (e.late && shown++ < 40) {
        md.append("| ").append(e.period()).append(" | `").append(e.fileName()).append("` | ")
            .append(SampleGenerator.ISO_SECONDS.format(e.received)).append(" |\n");
      }
    }
    if (shown > 40) {
      md.append("| … | ").append(shown - 40).append(" more | |\n");
    }
    md.append("\nMissing (active branch, no export at all that quarter):\n\n| period | branch |\n|---|---|\n");
    shown = 0;
    for (int q = 1; q <= 4; q++) {
      for (Org b : plan.branches) {
        if (plan.exports.get(b)[q - 1] == null && shown++ < 40) {
          md.append("| ").append(Periods.name(q)).append(" | ").append(b.code).append(" ").append(b.name).append(" |\n");
        }
      }
    }
    if (shown > 40) {
      md.append("| … | ").append(shown - 40).append(" more |\n");
    }
    md.append("\nBranches whose only export of a quarter is rejected as a whole (see the faults below) have no ")
        .append("accepted ledger that quarter either, so they also count as missing there. Dissolved ")
        .append("branches are not expected to export: ");
    md.append(String.join(", ", plan.dissolved.stream().map(o -> "`" + o.code + "` " + o.name).toList()))
        .append(".\n\n");

    // Appeal
    md.append("## Appeal re-export\n\n");
    for (String note : appealNotes) {
      String[] p = note.split("\t");
      Export original = plan.appeals.stream().filter(e -> e.fileName().equals(p[2])).findFirst().orElseThrow();
      md.append("- ").append(p[0]).append(" `").append(p[1]).append("`: `").append(p[2]).append("` (版本 1, received ")
          .append(SampleGenerator.ISO_SECONDS.format(original.received)).append(") is replaced by `").append(p[3])
          .append("` (版本 2, received ").append(SampleGenerator.ISO_SECONDS.format(original.correction.received))
          .append("). The correction removes one deduction after the member's appeal: ").append(p[4]).append(' ')
          .append(p[5]).append(", ").append(p[6]).append(' ').append(p[7]).append(" on ").append(p[8]).append(" (")
          .append(p[9]).append("). Everything else is identical.\n");
    }
    md.append('\n');

    // Special cases
    md.append("## Favour-point branches planted (人情分, DOMAIN §7)\n\n")
        .append("Branches built to look like favour points, each of one kind; every other branch scores its members ")
        .append("the ordinary way. `gold.branch_attention` should flag each of them with the signal named (see ")
        .append("docs/mart.md), and hardly any other branch.\n\n")
        .append("| branch | kind | what its ledgers show | signal that should flag it |\n|---|---|---|---|\n");
    for (Org b : plan.favour) {
      plantedRow(md, plan, b, SampleGenerator.FavourKind.FULL_MARKS, "every scored member gets the maximum of every "
          + "bonus item (A5 3, A6 5, A7 5, A8 5, A9 2), all on one day near the end of the quarter, boilerplate 依据, "
          + "never a deduction: every quarter score is 100.0 and everyone is 优秀 in 民主评议",
          "`excellent_share`; likely also `low_spread` and `late_registration`");
    }
    for (Org b : plan.neverDeduct) {
      plantedRow(md, plan, b, SampleGenerator.FavourKind.NEVER_DEDUCTS, "bonuses and 民主评议 like any branch, but not "
          + "one deduction registered in the whole year (elsewhere about one member in five has one each quarter, "
          + "almost one in two over the year)",
          "`no_deductions` on the year");
    }
    for (Org b : plan.cluster) {
      plantedRow(md, plan, b, SampleGenerator.FavourKind.BUNCHED_AT_90, "every scored member gets bonuses adding up "
          + "to exactly 10 or 11 and no deductions: every quarter score is 90.0 or 91.0, just above the 优秀 line",
          "`boundary_bunching`; likely also `excellent_share` and `low_spread`");
    }
    md.append("\n## Other patterns planted for the statistics\n\n");
    for (Member m : plan.vetoes) {
      md.append("- **Veto**: ").append(m.code).append(' ').append(m.name).append(" (`")
          .append(m.branch[m.vetoQuarter - 1].code).append("`) has ").append(m.vetoItem).append(" (")
          .append(Texts.veto(m.vetoItem)).append(") in ").append(Periods.name(m.vetoQuarter))
          .append(": that quarter and the year are 0 / 不合格; 组织处置 组织处理.\n");
    }
    for (Member m : plan.laggards) {
      List<String> qs = new ArrayList<>();
      for (int q = 1; q <= 4; q++) {
        if (m.lags(q)) {
          qs.add(Periods.name(q));
        }
      }
      md.append("- **Lagging member**: ").append(m.code).append(' ').append(m.name).append(" (`")
          .append(m.branch[0].code).append("`) scores below 60 in ").append(String.join(" and ", qs))
          .append(" (告诫提醒, then 帮教整改; 民主评议 基本合格).\n");
    }
    for (Member m : plan.movers) {
      int q = 2;
      while (q <= 4 && m.branch[q - 1] == m.branch[0]) {
        q++;
      }
      if (q <= 4) {
        md.append("- **Transfer**: ").append(m.code).append(' ').append(m.name).append(" moves from `")
            .append(m.branch[0].code).append("` to `").append(m.branch[q - 1].code).append("` in ")
            .append(Periods.name(q)).append(" (same 党员编号).\n");
      }
    }
    long exempt = plan.members.stream().filter(m -> m.exempt).count();
    md.append("- **Exempt members** (参加积分管理 = 否 with 未参加原因): ").append(exempt).append(" of ")
        .append(plan.members.size()).append(" people; activists (入党积极分子) are scored for reference; some ")
        .append("预备党员 become 正式党员 during the year and some activists are admitted; a few members join or ")
        .append("leave between quarters.\n\n");

    // Templates
    if (plan.branches.size() <= 80) {
      md.append("## Export templates per branch\n\nEach branch uses the same template every quarter.\n\n")
          .append("| branch | domain | format | variations |\n|---|---|---|---|\n");
      for (Org b : plan.branches) {
        md.append("| `").append(b.code).append("` ").append(b.name).append(" | ").append(b.domain.label).append(" | ")
            .append(formatLabel(b.layout.format)).append(" | ").append(variations(b.layout)).append(" |\n");
      }
      md.append('\n');
    }

    // Faults
    md.append("## Deliberate faults\n\nEvery faulty file and row is listed in `faults.csv` with the reason ingestion ")
        .append("must give. Rows are 1-based sheet rows (title rows count) or CSV line numbers (header = line 1; ")
        .append("blank lines count). Whole-file faults have no sheet, row or column. Everything not listed is ")
        .append("clean.\n\n| period | file | sheet | row | column | reason | what it demonstrates |\n")
        .append("|---|---|---|---|---|---|---|\n");
    for (Fault f : s.faults()) {
      md.append("| ").append(f.period()).append(" | `").append(f.file()).append("` | ").append(f.sheet()).append(" | ")
          .append(f.wholeFile() ? "" : String.valueOf(f.row())).append(" | ").append(f.column()).append(" | ")
          .append(f.reason().name()).append(" | ").append(f.reason().description()).append(" |\n");
    }
    md.append('\n');
    Map<FaultReason, Integer> counts = new TreeMap<>();
    s.faults().forEach(f -> counts.merge(f.reason(), 1, Integer::sum));
    md.append("Conflicts: every row (名册, 积分明细, 组织处置, 民主评议) of the conflicting member in both branches' ")
        .append("ledgers of that quarter is listed as MEMBER_CONFLICT (DOMAIN §8).\n\n");
    md.append("Faults by reason: ");
    List<String> parts = new ArrayList<>();
    counts.forEach((k, v) -> parts.add(k.name() + " " + v));
    md.append(String.join(", ", parts)).append(".\n");
    if (plan.size == Size.SMALL) {
      md.append("\nBigger districts for load tests: `--size district` (≈300 branches, ≈12,000 members) and ")
          .append("`--size city` (≈6,000 branches, ≈300,000 members); they are not committed.\n");
    }
    Files.writeString(file, md, StandardCharsets.UTF_8);
  }

  private static void plantedRow(StringBuilder md, DistrictPlan plan, Org b, SampleGenerator.FavourKind kind,
      String shows, String signal) {
    md.append("| `").append(b.code).append("` ").append(b.name).append(" (").append(plan.roster(b, 4).size())
        .append(" on the Q4 roster) | ").append(kind.label()).append(" (").append(kind.english()).append(") | ")
        .append(shows).append(" | ").append(signal).append(" |\n");
  }

  private static void row(StringBuilder md, String what, long n) {
    md.append("| ").append(what).append(" | ").append(n).append(" |\n");
  }

  private static String formatLabel(Format f) {
    return switch (f) {
      case XLSX -> "xlsx";
      case CSV_FOLDER_GBK -> "CSV folder, GBK";
      case CSV_FOLDER_UTF8 -> "CSV folder, UTF-8";
      case CSV_ZIP_UTF8_BOM -> "zip of CSV, UTF-8 BOM";
    };
  }

  private static String variations(Layout l) {
    List<String> v = new ArrayList<>();
    switch (l.title) {
      case FULL -> v.add("merged title + 填表人 rows, header on row 4");
      case SIMPLE -> v.add("merged title row, header on row 2");
      default -> { }
    }
    if (l.reordered) {
      v.add("columns reordered");
    }
    v.add(switch (l.dateMode) {
      case EXCEL -> "Excel dates";
      case MIXED -> l.format.csv() ? "dates in mixed text forms" : "Excel dates mixed with text dates";
      case ISO -> "dates as YYYY-MM-DD text";
      case SLASH -> "dates as YYYY/M/D text";
      case CHINESE -> "dates as YYYY年M月D日 text";
    });
    if (!l.format.csv() && l.numbersAsText) {
      v.add("numbers stored as text");
    }
    if (l.formulas) {
      v.add("formulas with cached values");
    }
    if (l.sequenceColumn) {
      v.add("extra 序号 column");
    }
    if (l.remarkColumn) {
      v.add("extra 备注 column");
    }
    if (l.spacedHeaders) {
      v.add("headers with spaces (姓  名)");
    }
    if (l.selfScores) {
      v.add("自评分/党小组初评分");
    }
    if (l.evaluationScore) {
      v.add("评议得分");
    }
    if (l.coverVersion) {
      v.add("版本 on cover");
    }
    if (l.entriesByDate) {
      v.add("entries sorted by date");
    }
    if (l.blankRows) {
      v.add("blank rows");
    }
    if (l.noGroups) {
      v.add("党小组 left blank");
    }
    if (l.instructionsSheet) {
      v.add("extra 填表说明 sheet");
    }
    if (l.zipFolder) {
      v.add("CSVs in a folder inside the zip");
    }
    return String.join("; ", v);
  }
}
