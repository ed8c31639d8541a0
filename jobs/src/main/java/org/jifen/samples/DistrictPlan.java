package org.jifen.samples;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jifen.samples.Layout.DateMode;
import org.jifen.samples.Layout.Format;
import org.jifen.samples.Layout.Title;
import org.jifen.samples.Member.Profile;
import org.jifen.samples.SampleGenerator.Size;

/**
 * Everything decided before any file is written, sequentially from the seed: the org tree, the
 * people and where they are each quarter, each branch's export template, the submissions with
 * their received times, and where the deliberate faults go.
 */
final class DistrictPlan {
  static final String CODE_PREFIX = "QS";

  final long seed;
  final Size size;
  final Org district;
  /** The org tree in table order. */
  final List<Org> orgs = new ArrayList<>();
  /** Active branches in tree order. */
  final List<Org> branches = new ArrayList<>();
  final List<Org> dissolved = new ArrayList<>();
  /** Branches that export although they are not in the org tree. */
  final List<Org> unregistered = new ArrayList<>();
  /** People on tree branches' rosters during the year. */
  final List<Member> members = new ArrayList<>();
  /** Everyone ever on a branch's roster, in roster order. */
  final Map<Org, List<Member>> history = new HashMap<>();
  /** Planned exports per branch, index quarter-1; null = no export (missing). */
  final Map<Org, Export[]> exports = new LinkedHashMap<>();
  /** Every 党员编号 number in use (DY + 6 digits). */
  final BitSet codes = new BitSet(1_000_000);

  /** Favour-point branches (DOMAIN §7) that give everyone full marks (全员满分). */
  final List<Org> favour = new ArrayList<>();
  /** Favour-point branches whose scores all sit just above the 优秀 line (扎堆90分线). */
  final List<Org> cluster = new ArrayList<>();
  /** Favour-point branches that never register a deduction all year, otherwise ordinary (从不扣分). */
  final List<Org> neverDeduct = new ArrayList<>();
  final List<Member> movers = new ArrayList<>();
  final List<Member> conflicts = new ArrayList<>();
  final List<Member> vetoes = new ArrayList<>();
  final List<Member> laggards = new ArrayList<>();
  final List<Export> appeals = new ArrayList<>();

  private final Rng rng;
  private final OrgNames names;
  private final Set<Org> specialBranches = new HashSet<>();
  private final Set<Member> specialMembers = new HashSet<>();
  private final Set<String> claimed = new HashSet<>();
  /** Branches already carrying a fault, conflict or appeal: later ones go elsewhere when possible. */
  private final Set<Org> faultBranches = new HashSet<>();

  DistrictPlan(long seed, Size size) {
    this.seed = seed;
    this.size = size;
    this.rng = Rng.of(seed, "plan");
    this.names = new OrgNames(Rng.of(seed, "names"));
    this.district = new Org(CODE_PREFIX, OrgNames.DISTRICT_NAME, null, Org.DISTRICT, Domain.GOVERNMENT, true);
    district.leader = People.name(rng, true, 1968);
    orgs.add(district);
    buildTree();
    for (Org b : branches) {
      populate(b);
    }
    churn();
    chooseLayouts();
    planExports();
    planRoles();
    planSubmissions();
    planNeverDeduct();
  }

  // ---------------------------------------------------------------------------------------------
  // Org tree

  private List<Domain> committeeDomains() {
    if (size == Size.SMALL) {
      return List.of(Domain.GOVERNMENT, Domain.COMMUNITY, Domain.SCHOOL, Domain.RURAL);
    }
    Domain[] order = {Domain.GOVERNMENT, Domain.COMMUNITY, Domain.SCHOOL, Domain.NEW_ORG, Domain.RURAL,
        Domain.STATE_ENTERPRISE};
    double[] share = {0.14, 0.33, 0.09, 0.17, 0.17, 0.10};
    int n = size.committees;
    int[] count = new int[order.length];
    int assigned = 0;
    for (int i = 0; i < order.length; i++) {
      count[i] = Math.max(1, (int) Math.floor(share[i] * n));
      assigned += count[i];
    }
    for (int i = 0; assigned < n; i = (i + 1) % order.length) {
      if (order[i] == Domain.COMMUNITY || order[i] == Domain.NEW_ORG || order[i] == Domain.RURAL
          || assigned + 3 > n) {
        count[i]++;
        assigned++;
      }
    }
    List<Domain> result = new ArrayList<>();
    for (int i = 0; i < order.length; i++) {
      for (int k = 0; k < count[i]; k++) {
        result.add(order[i]);
      }
    }
    return result;
  }

  private static double domainWeight(Domain d) {
    return switch (d) {
      case GOVERNMENT -> 1.1;
      case COMMUNITY -> 1.0;
      case SCHOOL -> 1.2;
      case NEW_ORG -> 1.0;
      case RURAL -> 0.9;
      case STATE_ENTERPRISE -> 0.7;
    };
  }

  private void buildTree() {
    List<Domain> domains = committeeDomains();
    int n = domains.size();
    int[] counts = new int[n];
    if (size == Size.SMALL) {
      counts = new int[] {8, 9, 7, 6};
    } else {
      double[] w = new double[n];
      double total = 0;
      for (int i = 0; i < n; i++) {
        w[i] = domainWeight(domains.get(i)) * (0.75 + 0.5 * rng.nextDouble());
        total += w[i];
      }
      int sum = 0;
      for (int i = 0; i < n; i++) {
        counts[i] = Math.max(3, (int) Math.round(size.branches * w[i] / total));
        sum += counts[i];
      }
      counts[0] += size.branches - sum;
    }
    int dissolvedTotal = size == Size.SMALL ? 2 : Math.max(2, Math.round(size.branches / 100f));
    int[] dissolvedCounts = new int[n];
    if (size == Size.SMALL) {
      dissolvedCounts[0] = 1;
      dissolvedCounts[2] = 1;
    } else {
      for (int k = 0; k < dissolvedTotal; k++) {
        dissolvedCounts[rng.nextInt(n)]++;
      }
    }
    Map<Domain, Integer> perDomain = new EnumMap<>(Domain.class);
    for (int i = 0; i < n; i++) {
      Domain d = domains.get(i);
      int nth = perDomain.merge(d, 1, Integer::sum) - 1;
      String[] nameLevel = names.committee(d, nth);
      Org c = new Org(CODE_PREFIX + pad(i + 1, n), nameLevel[0], district, nameLevel[1], d, true);
      c.leader = People.name(rng, rng.chance(0.7), 1965 + rng.nextInt(15));
      orgs.add(c);
      buildCommittee(c, counts[i], dissolvedCounts[i]);
    }
  }

  private static String pad(int number, int max) {
    int width = Math.max(2, String.valueOf(max).length());
    return String.format(Locale.ROOT, "%0" + width + "d", number);
  }

  private void buildCommittee(Org c, int branchCount, int dissolvedCount) {
    // General branches (党总支) take a few of the committee's branches.
    double pGeneral = switch (c.domain) {
      case COMMUNITY -> 0.7;
      case SCHOOL -> 0.7;
      case STATE_ENTERPRISE -> 0.6;
      case GOVERNMENT -> 0.3;
      case RURAL -> 0.3;
      case NEW_ORG -> 0.2;
    };
    int generals = 0;
    if (size == Size.SMALL) {
      generals = c.domain == Domain.COMMUNITY || c.domain == Domain.SCHOOL ? 1 : 0;
    } else if (branchCount >= 8 && rng.chance(pGeneral)) {
      generals = Math.max(1, branchCount / 25);
    }
    List<Integer> generalSizes = new ArrayList<>();
    int inGenerals = 0;
    for (int g = 0; g < generals; g++) {
      int s = size == Size.SMALL ? (c.domain == Domain.COMMUNITY ? 3 : 2) : rng.between(3, 6);
      generalSizes.add(s);
      inGenerals += s;
    }
    int direct = branchCount - inGenerals;
    int directNumbers = direct + dissolvedCount;
    Set<Integer> dissolvedNumbers = new HashSet<>();
    while (dissolvedNumbers.size() < dissolvedCount) {
      dissolvedNumbers.add(2 + rng.nextInt(Math.max(1, directNumbers - 1)));
    }
    for (int g = 0; g < generals; g++) {
      String name = names.generalBranch(c);
      Org z = new Org(c.code + "Z" + (g + 1), name, c, Org.GENERAL_BRANCH, c.domain, true);
      z.leader = People.name(rng, rng.chance(0.6), 1965 + rng.nextInt(20));
      orgs.add(z);
      int s = generalSizes.get(g);
      boolean hasRetired = c.domain != Domain.NEW_ORG && s >= 3;
      for (int k = 1; k <= s; k++) {
        boolean retired = hasRetired && k == s;
        Org b = new Org(z.code + "B" + pad(k, s), names.generalBranchMember(z, k, retired), z, Org.BRANCH,
            c.domain, true);
        b.retiredBranch = retired;
        addBranch(b);
      }
    }
    int retiredAt = direct >= 6 && c.domain != Domain.NEW_ORG && c.domain != Domain.SCHOOL
        ? rng.between(2, direct) : -1;
    int activeNo = 0;
    for (int k = 1; k <= directNumbers; k++) {
      String code = c.code + "B" + pad(k, directNumbers);
      if (dissolvedNumbers.contains(k)) {
        Org d = new Org(code, "原" + names.branch(c, c.domain, false), c, Org.BRANCH, c.domain, false);
        d.leader = "";
        orgs.add(d);
        dissolved.add(d);
        continue;
      }
      activeNo++;
      Domain domain = c.domain;
      if (activeNo == 1 && (c.domain == Domain.COMMUNITY || c.domain == Domain.RURAL)) {
        domain = Domain.GOVERNMENT; // 街道机关 / 镇机关 branch
      } else if (c.domain == Domain.COMMUNITY && rng.chance(size == Size.SMALL ? 0 : 0.15)) {
        domain = Domain.NEW_ORG;
      } else if (c.domain == Domain.RURAL && rng.chance(0.1)) {
        domain = Domain.COMMUNITY;
      }
      boolean retired = activeNo == retiredAt;
      if (size == Size.SMALL && c.domain == Domain.COMMUNITY && !retired && (activeNo == 3 || activeNo == 5)) {
        domain = Domain.NEW_ORG;
      }
      retired &= domain == c.domain;
      Org b = new Org(code, names.branch(c, domain, retired), c, Org.BRANCH, domain, true);
      b.retiredBranch = retired;
      addBranch(b);
    }
  }

  private void addBranch(Org b) {
    b.branchIndex = branches.size();
    double factor = 0.5 + 1.1 * rng.nextDouble();
    if (b.retiredBranch) {
      factor *= 1.3;
    }
    if (b.domain == Domain.NEW_ORG) {
      factor *= 0.7;
    }
    b.targetMembers = Math.max(4, (int) Math.round(size.membersPerBranch * factor));
    orgs.add(b);
    branches.add(b);
    history.put(b, new ArrayList<>());
  }

  // ---------------------------------------------------------------------------------------------
  // People

  private enum Arrival { INITIAL, NEW_PROBATIONARY, TRANSFER_IN }

  private void populate(Org b) {
    List<Member> list = history.get(b);
    int groups = b.targetMembers >= 8 ? Math.max(2, Math.min(6, Math.round(b.targetMembers / 10f))) : 0;
    for (int i = 0; i < b.targetMembers; i++) {
      Member m = newMember(b, Arrival.INITIAL, groups, 1);
      list.add(m);
      members.add(m);
    }
    List<Member> candidates = list.stream()
        .filter(m -> !m.exempt && m.joinDate != null && age(m) >= 28 && age(m) <= 62)
        .toList();
    List<Member> pool = candidates.size() >= 2 ? candidates : list;
    b.leader = pool.get(0).name;
    b.clerk = pool.get(Math.min(1, pool.size() - 1)).name;
  }

  static int age(Member m) {
    return Periods.YEAR - m.birth.getYear();
  }

  private String category(Org b) {
    if (b.retiredBranch) {
      return rng.chance(0.92) ? (b.domain == Domain.RURAL ? "农村" : "离退休") : "社区";
    }
    return switch (b.domain) {
      case GOVERNMENT -> pickCategory(new String[] {"在职", "离退休", "流动"}, 0.86, 0.11, 0.03);
      case COMMUNITY -> pickCategory(new String[] {"社区", "离退休", "流动", "在职"}, 0.45, 0.38, 0.12, 0.05);
      case SCHOOL -> pickCategory(new String[] {"在职", "离退休", "学生"}, 0.84, 0.12, 0.04);
      case NEW_ORG -> pickCategory(new String[] {"在职", "流动"}, 0.84, 0.16);
      case RURAL -> pickCategory(new String[] {"农村", "流动", "在职"}, 0.72, 0.20, 0.08);
      case STATE_ENTERPRISE -> pickCategory(new String[] {"在职", "离退休"}, 0.86, 0.14);
    };
  }

  private String pickCategory(String[] values, double... weights) {
    return values[rng.weighted(weights)];
  }

  private int ageFor(String category) {
    return switch (category) {
      case "在职" -> rng.between(23, 59);
      case "离退休" -> Math.min(95, 58 + (int) Math.abs(rng.gaussianish() * 11));
      case "社区" -> rng.between(30, 80);
      case "农村" -> rng.between(25, 86);
      case "流动" -> rng.between(22, 50);
      case "学生" -> rng.between(18, 23);
      default -> rng.between(25, 60);
    };
  }

  private Member newMember(Org b, Arrival arrival, int groups, int firstQuarter) {
    String category = category(b);
    if (arrival == Arrival.NEW_PROBATIONARY && "离退休".equals(category)) {
      category = b.domain == Domain.RURAL ? "农村" : "在职";
    }
    int age = arrival == Arrival.NEW_PROBATIONARY ? rng.between(20, 38) : ageFor(category);
    boolean male = rng.chance(switch (b.domain) {
      case COMMUNITY -> 0.42;
      case SCHOOL -> 0.38;
      case RURAL, STATE_ENTERPRISE -> 0.66;
      default -> 0.55;
    });
    LocalDate birth = LocalDate.of(Periods.YEAR - age, 1, 1).plusDays(rng.nextInt(365));
    LocalDate join;
    double standingDraw = rng.nextDouble();
    boolean student = "学生".equals(category);
    if (arrival == Arrival.NEW_PROBATIONARY) {
      join = rng.date(Periods.start(firstQuarter), Periods.end(firstQuarter).minusDays(10));
    } else if (arrival == Arrival.INITIAL && age < 45 && standingDraw < (student ? 0.3 : 0.03)) {
      // Activist; some are admitted during the year.
      join = rng.chance(0.3) ? rng.date(LocalDate.of(Periods.YEAR, 4, 1), LocalDate.of(Periods.YEAR, 11, 30)) : null;
    } else if (arrival == Arrival.INITIAL && age < 50 && standingDraw < (student ? 0.6 : 0.09)) {
      join = rng.date(LocalDate.of(Periods.YEAR - 1, 3, 1), LocalDate.of(Periods.YEAR, 3, 20));
    } else {
      int joinAge = rng.between(Math.min(age - 1, 19), Math.max(19, Math.min(age - 1, 50)));
      join = birth.plusYears(joinAge).plusDays(rng.nextInt(300));
      LocalDate latest = LocalDate.of(Periods.YEAR - 2, 12, 31);
      if (join.isAfter(latest)) {
        join = rng.date(LocalDate.of(Periods.YEAR - 6, 1, 1), latest);
      }
    }
    boolean full = join != null && join.isBefore(LocalDate.of(Periods.YEAR - 1, 1, 1));
    boolean exempt = false;
    String reason = null;
    if (full && arrival != Arrival.NEW_PROBATIONARY) {
      if (age >= 70 && rng.chance(0.45)) {
        exempt = true;
        reason = new String[] {"70周岁以上", "年老体弱", "行动不便"}[rng.weighted(0.7, 0.2, 0.1)];
      } else if (age >= 60 && age < 70 && rng.chance(0.04)) {
        reason = new String[] {"年老体弱", "长期患病", "行动不便"}[rng.weighted(0.3, 0.5, 0.2)];
        exempt = true;
      } else if (age < 60 && rng.chance(0.015)) {
        boolean abroad = ("在职".equals(category) || "流动".equals(category)) && rng.chance(0.55);
        reason = abroad ? "出国(境)半年以上" : rng.chance(0.75) ? "长期患病" : "其他";
        exempt = true;
      }
    }
    String group = groups == 0 ? null : "第" + People.chineseNumber(1 + rng.nextInt(groups)) + "党小组";
    Profile profile = Profile.values()[rng.weighted(0.33, 0.46, 0.17, 0.04)];
    String id = rng.chance(0.95) ? People.idNumber(rng, birth, male) : null;
    Member m = new Member(newCode(), People.name(rng, male, birth.getYear()), male, birth, join, id, category,
        exempt, reason, group, profile);
    for (int q = firstQuarter; q <= 4; q++) {
      m.branch[q - 1] = b;
    }
    return m;
  }

  private String newCode() {
    int n;
    do {
      n = 100_000 + rng.nextInt(900_000);
    } while (codes.get(n));
    codes.set(n);
    return "DY" + n;
  }

  /** Whether 党员编号 {@code code} belongs to anyone in the plan. */
  boolean codeInUse(String code) {
    if (!code.matches("DY\\d{6}")) {
      return false;
    }
    return codes.get(Integer.parseInt(code.substring(2)));
  }

  private void churn() {
    for (int q = 2; q <= 4; q++) {
      for (Org b : branches) {
        List<Member> list = history.get(b);
        for (Member m : List.copyOf(list)) {
          if (m.branch[q - 2] == b && m.branch[q - 1] == b && rng.chance(0.01)) {
            for (int k = q; k <= 4; k++) {
              m.branch[k - 1] = null;
            }
          }
        }
        int joiners = rng.poisson(b.targetMembers * 0.012);
        int groups = b.targetMembers >= 8 ? Math.max(2, Math.min(6, Math.round(b.targetMembers / 10f))) : 0;
        for (int j = 0; j < joiners; j++) {
          Arrival a = rng.chance(0.5) ? Arrival.NEW_PROBATIONARY : Arrival.TRANSFER_IN;
          Member m = newMember(b, a, groups, q);
          list.add(m);
          members.add(m);
        }
      }
    }
  }

  /** The roster of branch {@code b} for quarter {@code q}, in roster order. */
  List<Member> roster(Org b, int q) {
    List<Member> result = new ArrayList<>();
    for (Member m : history.get(b)) {
      if (m.branch[q - 1] == b || (m.staleBranch == b && m.staleQuarter == q)) {
        result.add(m);
      }
    }
    return result;
  }

  // ---------------------------------------------------------------------------------------------
  // Export templates

  private void chooseLayouts() {
    for (Org b : branches) {
      b.layout = new Layout();
      b.layout.columnSeed = Rng.of(seed, b.code, "columns").nextLong();
    }
    int n = branches.size();
    List<Org> pool = new ArrayList<>(branches);
    rng.shuffle(pool);
    int gbk = Math.max(3, Math.round(0.12f * n));
    int utf8 = Math.max(1, Math.round(0.04f * n));
    int zip = Math.max(3, Math.round(0.10f * n));
    for (int i = 0; i < pool.size(); i++) {
      Format f = i < gbk ? Format.CSV_FOLDER_GBK
          : i < gbk + utf8 ? Format.CSV_FOLDER_UTF8
          : i < gbk + utf8 + zip ? Format.CSV_ZIP_UTF8_BOM : Format.XLSX;
      pool.get(i).layout.format = f;
    }
    List<Org> xlsx = branches.stream().filter(b -> b.layout.format == Format.XLSX).toList();
    List<Org> csv = branches.stream().filter(b -> b.layout.format.csv()).toList();
    quota(xlsx, Math.max(3, Math.round(0.15f * xlsx.size())), b -> b.layout.title = Title.FULL,
        b -> b.layout.title == Title.NONE);
    quota(xlsx, Math.max(2, Math.round(0.10f * xlsx.size())), b -> b.layout.title = Title.SIMPLE,
        b -> b.layout.title == Title.NONE);
    quota(xlsx, Math.max(3, Math.round(0.20f * xlsx.size())), b -> b.layout.reordered = true, b -> true);
    quota(xlsx, Math.max(3, Math.round(0.25f * xlsx.size())), b -> b.layout.dateMode = DateMode.MIXED,
        b -> b.layout.dateMode == DateMode.EXCEL);
    for (DateMode mode : new DateMode[] {DateMode.ISO, DateMode.SLASH, DateMode.CHINESE}) {
      quota(xlsx, Math.max(1, Math.round(0.06f * xlsx.size())), b -> b.layout.dateMode = mode,
          b -> b.layout.dateMode == DateMode.EXCEL);
    }
    quota(xlsx, Math.max(3, Math.round(0.20f * xlsx.size())), b -> b.layout.numbersAsText = true, b -> true);
    quota(xlsx, Math.max(2, Math.round(0.08f * xlsx.size())), b -> b.layout.formulas = true,
        b -> !b.layout.numbersAsText);
    quota(xlsx, Math.max(2, Math.round(0.12f * xlsx.size())), b -> b.layout.sequenceColumn = true, b -> true);
    quota(xlsx, Math.max(1, Math.round(0.08f * xlsx.size())), b -> b.layout.instructionsSheet = true, b -> true);
    for (Org b : xlsx) {
      b.layout.dateFormat = new String[] {"yyyy-mm-dd", "yyyy/m/d", "yyyy\"年\"m\"月\"d\"日\""}[
          rng.weighted(0.7, 0.2, 0.1)];
    }
    for (Org b : csv) {
      b.layout.dateMode = new DateMode[] {DateMode.MIXED, DateMode.ISO, DateMode.SLASH, DateMode.CHINESE}[
          rng.weighted(0.4, 0.2, 0.2, 0.2)];
      b.layout.reordered = rng.chance(0.1);
    }
    quota(branches, Math.max(3, Math.round(0.30f * n)), b -> b.layout.selfScores = true, b -> true);
    quota(branches, Math.max(3, Math.round(0.40f * n)), b -> b.layout.evaluationScore = true, b -> true);
    quota(branches, Math.max(3, Math.round(0.50f * n)), b -> b.layout.coverVersion = true, b -> true);
    quota(branches, Math.max(3, Math.round(0.30f * n)), b -> b.layout.entriesByDate = true, b -> true);
    quota(branches, Math.max(2, Math.round(0.10f * n)), b -> b.layout.remarkColumn = true, b -> true);
    quota(branches, Math.max(2, Math.round(0.10f * n)), b -> b.layout.spacedHeaders = true, b -> true);
    quota(branches, Math.max(3, Math.round(0.15f * n)), b -> b.layout.blankRows = true, b -> true);
    quota(branches, Math.max(2, Math.round(0.12f * n)), b -> b.layout.noGroups = true, b -> true);
    List<Org> zips = branches.stream().filter(b -> b.layout.format == Format.CSV_ZIP_UTF8_BOM).toList();
    quota(zips, Math.max(1, Math.round(0.35f * zips.size())), b -> b.layout.zipFolder = true, b -> true);
  }

  private void quota(List<Org> candidates, int k, Consumer<Org> apply, Predicate<Org> eligible) {
    List<Org> pool = new ArrayList<>(candidates.stream().filter(eligible).toList());
    rng.shuffle(pool);
    for (int i = 0; i < Math.min(k, pool.size()); i++) {
      apply.accept(pool.get(i));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Exports, roles and faults

  private void planExports() {
    for (Org b : branches) {
      Export[] e = new Export[4];
      for (int q = 1; q <= 4; q++) {
        e[q - 1] = new Export(b, q, 1);
      }
      exports.put(b, e);
    }
  }

  private String key(Org b, int q) {
    return b.code + "@" + q;
  }

  private boolean free(Org b, int q) {
    return !specialBranches.contains(b) && !claimed.contains(key(b, q)) && exports.get(b)[q - 1] != null;
  }

  /** A free branch for quarter q, preferring ones that match {@code prefer}; claims it. */
  private Org claimBranch(int q, Predicate<Org> prefer, Predicate<Org> require) {
    List<Org> pool = new ArrayList<>(branches);
    rng.shuffle(pool);
    Org fallback = null;
    for (Org b : pool) {
      if (!free(b, q) || !require.test(b) || b.targetMembers < 5) {
        continue;
      }
      if (prefer.test(b)) {
        claimed.add(key(b, q));
        return b;
      }
      if (fallback == null) {
        fallback = b;
      }
    }
    if (fallback == null) {
      throw new IllegalStateException("no free branch for quarter " + q);
    }
    claimed.add(key(fallback, q));
    return fallback;
  }

  /** Like {@link #claimBranch} but preferring branches that carry no other fault yet. */
  private Org claimFaultBranch(int q, Predicate<Org> prefer, Predicate<Org> require) {
    Org b;
    try {
      b = claimBranch(q, prefer, require.and(x -> !faultBranches.contains(x)));
    } catch (IllegalStateException e) {
      b = claimBranch(q, prefer, require);
    }
    faultBranches.add(b);
    return b;
  }

  /** A full, scored member present on b's roster in every quarter of {@code quarters}. */
  private Member steadyMember(Org b, int... quarters) {
    List<Member> pool = new ArrayList<>(history.get(b));
    rng.shuffle(pool);
    for (Member m : pool) {
      if (m.exempt || specialMembers.contains(m) || m.staleBranch != null || !"正式党员".equals(m.standing(1))) {
        continue;
      }
      boolean ok = true;
      for (int q = 1; q <= 4; q++) {
        ok &= m.branch[q - 1] == b;
      }
      if (ok) {
        specialMembers.add(m);
        return m;
      }
    }
    return null;
  }

  private void planRoles() {
    int favourCount = size == Size.SMALL ? 1 : Math.max(1, Math.round(branches.size() / 100f));
    for (int i = 0; i < favourCount; i++) {
      Org f = claimBranch(1, b -> b.layout.format == Format.XLSX && b.targetMembers >= 8 && !b.retiredBranch,
          b -> true);
      favour.add(f);
      specialBranches.add(f);
      Org c = claimBranch(1, b -> b.layout.format == Format.XLSX && b.targetMembers >= 8 && !b.retiredBranch,
          b -> true);
      cluster.add(c);
      specialBranches.add(c);
    }
    int moves = size == Size.SMALL ? 1 : Math.max(1, Math.round(members.size() * 0.002f));
    for (int i = 0; i < moves; i++) {
      int q = size == Size.SMALL ? 2 : rng.between(2, 4);
      Org from = claimBranch(q, b -> true, b -> true);
      Member m = steadyMember(from);
      if (m == null) {
        continue;
      }
      Org to = otherBranch(from);
      move(m, to, q);
      movers.add(m);
    }
    for (int set = 0; set < size.faultSets; set++) {
      planFaultSet(set);
    }
  }

  private Org otherBranch(Org from) {
    List<Org> sameCommittee = branches.stream()
        .filter(b -> b != from && b.committee() == from.committee() && !specialBranches.contains(b)).toList();
    if (!sameCommittee.isEmpty() && rng.chance(0.6)) {
      return rng.pick(sameCommittee);
    }
    Org to;
    do {
      to = rng.pick(branches);
    } while (to == from || specialBranches.contains(to));
    return to;
  }

  private void move(Member m, Org to, int q) {
    for (int k = q; k <= 4; k++) {
      m.branch[k - 1] = to;
    }
    history.get(to).add(m);
  }

  private void planFaultSet(int set) {
    // The conflict: a member moves in Q3 and the old branch keeps them on its Q3 roster.
    Org p = claimFaultBranch(3, b -> true, b -> true);
    Member moved = steadyMember(p);
    Org q3 = otherBranch(p);
    while (!free(q3, 3) || faultBranches.contains(q3)) {
      q3 = otherBranch(p);
    }
    claimed.add(key(q3, 3));
    faultBranches.add(q3);
    move(moved, q3, 3);
    moved.staleBranch = p;
    moved.staleQuarter = 3;
    conflicts.add(moved);

    // The appeal: a Q2 deduction removed in a re-export with 版本 2.
    Org appealBranch = claimFaultBranch(2, b -> true, b -> b.layout.format == Format.XLSX);
    Export original = exports.get(appealBranch)[1];
    original.appealMember = steadyMember(appealBranch);
    original.correction = new Export(appealBranch, 2, 2);
    appeals.add(original);

    // Whole-file faults.
    Org unknownParent = orgs.stream().filter(o -> o.parent == district).toList()
        .get((set + 1) % (int) orgs.stream().filter(o -> o.parent == district).count());
    unregistered.add(unregisteredBranch(unknownParent));
    fileFault(2, FaultReason.FILE_CORRUPT, b -> true, b -> b.layout.format == Format.XLSX);
    fileFault(3, FaultReason.PERIOD_MISMATCH, b -> b.layout.format == Format.XLSX, b -> true);
    fileFault(4, FaultReason.FILE_ENCRYPTED, b -> true, b -> b.layout.format == Format.XLSX);
    fileFault(4, FaultReason.NO_COVER, b -> true, b -> b.layout.format == Format.XLSX);

    // Row faults, spread over the three container kinds.
    Org a = claimFaultBranch(1, b -> b.layout.title == Title.FULL, b -> b.layout.format == Format.XLSX);
    exports.get(a)[0].rowFaults.addAll(List.of(Export.RowFault.UNKNOWN_ITEM, Export.RowFault.POINTS_NOT_NUMBER,
        Export.RowFault.POSITIVE_DEDUCTION));
    Org bb = claimFaultBranch(2, b -> b.layout.format == Format.CSV_FOLDER_GBK, b -> true);
    exports.get(bb)[1].rowFaults.addAll(List.of(Export.RowFault.MEMBER_NOT_ON_ROSTER,
        Export.RowFault.DATE_OUTSIDE_QUARTER, Export.RowFault.ROSTER_NO_MEMBER_CODE));
    Org c = claimFaultBranch(3, b -> b.layout.format == Format.CSV_ZIP_UTF8_BOM, b -> true);
    exports.get(c)[2].rowFaults.addAll(List.of(Export.RowFault.DUPLICATE_ROSTER_ROW,
        Export.RowFault.POINTS_NOT_ALLOWED, Export.RowFault.NEGATIVE_BONUS));
  }

  private void fileFault(int q, FaultReason reason, Predicate<Org> prefer, Predicate<Org> require) {
    Org b = claimFaultBranch(q, prefer, require);
    exports.get(b)[q - 1].fileFault = reason;
  }

  private Org unregisteredBranch(Org committee) {
    Set<String> used = new HashSet<>();
    orgs.forEach(o -> used.add(o.code));
    unregistered.forEach(o -> used.add(o.code));
    int k = 1;
    while (used.contains(committee.code + "B" + pad(k, 10))) {
      k++;
    }
    Org b = new Org(committee.code + "B" + pad(k, 10), names.unregistered(committee), committee, Org.BRANCH,
        committee.domain, true);
    b.targetMembers = rng.between(5, 8);
    b.layout = new Layout();
    b.layout.columnSeed = Rng.of(seed, b.code, "columns").nextLong();
    b.layout.coverVersion = true;
    history.put(b, new ArrayList<>());
    for (int i = 0; i < b.targetMembers; i++) {
      Member m = newMember(b, Arrival.INITIAL, 0, 1);
      for (int q = 2; q <= 4; q++) {
        m.branch[q - 1] = null; // only the one export in Q1
      }
      history.get(b).add(m);
    }
    b.leader = history.get(b).get(0).name;
    b.clerk = b.leader;
    Export e = new Export(b, 1, 1);
    e.fileFault = FaultReason.UNKNOWN_BRANCH;
    exports.put(b, new Export[] {e, null, null, null});
    return b;
  }

  // ---------------------------------------------------------------------------------------------
  // Submissions: missing, late, received times; vetoes and laggards need the final picture.

  private void planSubmissions() {
    int[] missing = size == Size.SMALL ? new int[] {0, 1, 1, 0}
        : new int[] {fraction(0.01), fraction(0.01), fraction(0.012), fraction(0.008)};
    int[] late = size == Size.SMALL ? new int[] {2, 1, 2, 2}
        : new int[] {fraction(0.05), fraction(0.06), fraction(0.05), fraction(0.07)};
    for (int q = 1; q <= 4; q++) {
      for (int i = 0; i < missing[q - 1]; i++) {
        Org b = claimBranch(q, x -> true, x -> true);
        exports.get(b)[q - 1] = null;
      }
      for (int i = 0; i < late[q - 1]; i++) {
        Org b = claimBranch(q, x -> true, x -> true);
        exports.get(b)[q - 1].late = true;
      }
    }
    planVetoesAndLaggards();
    for (Export[] row : exports.values()) {
      for (Export e : row) {
        if (e != null) {
          receive(e);
        }
      }
    }
    // The first late export of Q1 arrives a few minutes after the deadline.
    exports.values().stream().map(r -> r[0]).filter(e -> e != null && e.late).findFirst().ifPresent(e -> {
      e.received = Periods.deadline(1).plusSeconds(rng.between(30, 900));
      e.fillDate = Periods.deadline(1).toLocalDate();
    });
  }

  private int fraction(double share) {
    return Math.max(1, (int) Math.round(branches.size() * share));
  }

  private boolean accepted(Org b, int q) {
    Export e = exports.get(b)[q - 1];
    return e != null && e.fileFault == null && e.rowFaults.isEmpty() && e.correction == null;
  }

  private void planVetoesAndLaggards() {
    int vetoCount = size == Size.SMALL ? 1 : Math.max(2, Math.round(members.size() * 0.001f));
    int lagCount = size == Size.SMALL ? 1 : Math.max(2, Math.round(members.size() * 0.003f));
    String[] vetoItems = {"V13", "V15", "V12", "V10", "V11", "V14"};
    List<Org> pool = new ArrayList<>(branches);
    rng.shuffle(pool);
    int vi = 0;
    int li = 0;
    for (Org b : pool) {
      if (specialBranches.contains(b)) {
        continue;
      }
      if (vi < vetoCount) {
        int q = size == Size.SMALL ? 2 : rng.between(1, 4);
        if (accepted(b, q)) {
          Member m = steadyMember(b);
          if (m != null) {
            m.vetoQuarter = q;
            m.vetoItem = vetoItems[rng.weighted(0.4, 0.3, 0.2, 0.04, 0.03, 0.03)];
            vetoes.add(m);
            vi++;
            continue;
          }
        }
      }
      if (li < lagCount) {
        int q = size == Size.SMALL ? 2 : rng.between(1, 3);
        if (accepted(b, q) && accepted(b, q + 1)) {
          Member m = steadyMember(b);
          if (m != null) {
            m.lagQuarters = (1 << (q - 1)) | (1 << q);
            laggards.add(m);
            li++;
          }
        }
      }
      if (vi >= vetoCount && li >= lagCount) {
        break;
      }
    }
  }

  private void receive(Export e) {
    LocalDate end = Periods.end(e.quarter);
    OffsetDateTime at;
    if (e.late) {
      at = end.plusDays(rng.between(Periods.DEADLINE_DAYS + 1, Periods.DEADLINE_DAYS + 6))
          .atTime(officeHours()).atOffset(Periods.CHINA);
    } else {
      int day = 1 + rng.weighted(1, 2, 3, 4, 5, 6, 7, 8, 9, 7);
      LocalTime t = day == Periods.DEADLINE_DAYS && rng.chance(0.05)
          ? LocalTime.of(23, 50 + rng.nextInt(10), rng.nextInt(60)) : officeHours();
      at = end.plusDays(day).atTime(t).atOffset(Periods.CHINA);
    }
    e.received = at;
    LocalDate fill = at.toLocalDate().minusDays(rng.between(0, 2));
    e.fillDate = fill.isAfter(end) ? fill : end.plusDays(1);
    if (e.correction != null) {
      Export c = e.correction;
      c.received = end.plusDays(rng.between(20, 28)).atTime(officeHours()).atOffset(Periods.CHINA);
      c.fillDate = c.received.toLocalDate().minusDays(1);
    }
  }

  /**
   * The 从不扣分 branches, chosen last from a stream of their own so that adding them left every
   * earlier choice (faults, late and missing exports, vetoes, transfers) as it was: among branches
   * with at least 14 scored party members in Q4 that export on time every quarter and carry no
   * other planted case.
   */
  private void planNeverDeduct() {
    Rng r = Rng.of(seed, "never-deduct");
    int count = size == Size.SMALL ? 1 : Math.max(1, Math.round(branches.size() / 100f));
    Set<Org> busy = new HashSet<>(specialBranches);
    busy.addAll(faultBranches);
    for (List<Member> ms : List.of(movers, conflicts, vetoes, laggards)) {
      for (Member m : ms) {
        for (Org b : m.branch) {
          busy.add(b);
        }
        busy.add(m.staleBranch);
      }
    }
    List<Org> pool = new ArrayList<>();
    for (Org b : branches) {
      // Big enough that a year without any deduction is unlikely by chance (0.55^14 = 0.0002).
      boolean plain = !busy.contains(b)
          && roster(b, 4).stream().filter(m -> !m.exempt && m.partyMember(4)).count() >= 14;
      for (int q = 1; q <= 4 && plain; q++) {
        Export e = exports.get(b)[q - 1];
        plain = e != null && !e.late && !claimed.contains(key(b, q)) && e.fileFault == null && e.rowFaults.isEmpty()
            && e.correction == null;
      }
      if (plain) {
        pool.add(b);
      }
    }
    r.shuffle(pool);
    for (int i = 0; i < Math.min(count, pool.size()); i++) {
      neverDeduct.add(pool.get(i));
      specialBranches.add(pool.get(i));
    }
  }

  private LocalTime officeHours() {
    return LocalTime.of(8, 30).plusSeconds(rng.nextInt(12 * 3600 + 1800));
  }

  /** All planned exports (corrections included), sorted by period and file name. */
  List<Export> allExports() {
    List<Export> all = new ArrayList<>();
    for (Export[] row : exports.values()) {
      for (Export e : row) {
        if (e != null) {
          all.add(e);
          if (e.correction != null) {
            all.add(e.correction);
          }
        }
      }
    }
    all.sort(Comparator.comparing(Export::period).thenComparing(Export::fileName));
    return all;
  }
}
