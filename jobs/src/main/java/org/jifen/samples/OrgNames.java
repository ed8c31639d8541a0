package org.jifen.samples;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Realistic, district-unique names of committees, general branches and branches. */
final class OrgNames {
  static final String DISTRICT_NAME = "青山区委";

  private static final List<String> BUREAUS = List.of(
      "发展和改革局", "财政局", "民政局", "人力资源和社会保障局", "自然资源局", "住房和城乡建设局", "交通运输局",
      "水利局", "农业农村局", "商务局", "文化和旅游局", "卫生健康委员会", "应急管理局", "审计局", "市场监督管理局",
      "统计局", "医疗保障局", "城市管理局", "司法局", "科学技术局", "教育局", "退役军人事务局", "信访局",
      "机关事务管理局", "档案馆", "融媒体中心", "政务服务管理局", "生态环境分局", "总工会", "团委", "妇联", "科协",
      "残联", "人民法院", "人民检察院", "委办公室", "政府办公室", "委组织部", "委宣传部", "委统战部", "纪委监委",
      "委政法委", "数据资源局", "投资促进局", "粮食和物资储备局");
  private static final List<String> STREETS = List.of(
      "江滨", "城东", "西湖", "北苑", "南门", "长岭", "青石", "凤凰", "望江", "金沙", "白云", "桂花", "东湖", "滨河",
      "新华", "朝阳", "建设", "和平", "锦华", "翠屏");
  private static final List<String> TOWNS = List.of(
      "青山", "双溪", "石门", "桃源", "白沙", "龙潭", "柳林", "清河", "马鞍", "黄田", "花桥", "杨柳");
  private static final List<String> GOV_COMMITTEES = List.of(
      "青山区直属机关工作委员会", "青山区卫生健康工作委员会", "青山区政法系统党委", "青山区财税系统党委");
  private static final List<String> SCHOOL_COMMITTEES = List.of(
      "青山区教育系统党委", "青山区职业教育集团党委", "青山区民办教育机构党委");
  private static final List<String> NEW_ORG_COMMITTEES = List.of(
      "青山区两新组织党工委", "青山经济开发区两新组织党委", "青山区非公有制经济组织党委", "青山区社会组织党委");
  private static final List<String> SOE_COMMITTEES = List.of(
      "青山区城市建设投资集团有限公司党委", "青山区国有资产投资控股集团有限公司党委", "青山区水务集团有限公司党委",
      "青山区交通投资集团有限公司党委", "青山区文化旅游发展集团有限公司党委");
  private static final List<String> BRANDS = List.of(
      "和泰", "锦程", "益民", "明德", "新河", "众联", "华信", "恒达", "瑞丰", "宏远", "天成", "鼎盛", "汇通", "嘉禾",
      "卓越", "博雅", "同心", "安泰", "鸿运", "晨光", "蓝天", "金桥", "银河", "润泽", "启航", "聚力", "康宁", "远景");
  private static final List<String> INDUSTRIES = List.of(
      "医药有限公司", "物业服务有限公司", "商贸有限公司", "餐饮管理有限公司", "科技有限公司", "建筑工程有限公司",
      "物流有限公司", "电子有限公司", "软件有限公司", "会计师事务所", "律师事务所", "社会工作服务中心", "养老服务中心",
      "新材料有限公司", "家政服务有限公司");
  private static final List<String> SOE_UNITS = List.of(
      "供水分公司", "工程建设分公司", "运营管理分公司", "物业分公司", "项目管理部", "财务审计部", "投资发展部",
      "安全生产部", "资产经营分公司", "检测中心");

  private final Set<String> used = new HashSet<>();
  private final Rng rng;

  OrgNames(Rng rng) {
    this.rng = rng;
  }

  /** Committee name and level for the n-th committee (0-based) of a domain. */
  String[] committee(Domain domain, int n) {
    return switch (domain) {
      case GOVERNMENT -> new String[] {fromList(GOV_COMMITTEES, n, () -> "青山区" + place() + "系统党委"),
          n == 0 || n == 1 ? Org.WORKING_COMMITTEE : Org.PARTY_COMMITTEE};
      case COMMUNITY -> new String[] {"青山区" + fromList(STREETS, n, this::place) + "街道党工委", Org.WORKING_COMMITTEE};
      case SCHOOL -> new String[] {fromList(SCHOOL_COMMITTEES, n, () -> "青山区" + place() + "教育集团党委"),
          Org.PARTY_COMMITTEE};
      case NEW_ORG -> new String[] {fromList(NEW_ORG_COMMITTEES, n, () -> place() + "科技园两新组织党委"),
          n == 0 ? Org.WORKING_COMMITTEE : Org.PARTY_COMMITTEE};
      case RURAL -> new String[] {fromList(TOWNS, n, this::place) + "镇党委", Org.PARTY_COMMITTEE};
      case STATE_ENTERPRISE -> new String[] {fromList(SOE_COMMITTEES, n,
          () -> "青山区" + place() + "实业集团有限公司党委"), Org.PARTY_COMMITTEE};
    };
  }

  private String fromList(List<String> list, int n, java.util.function.Supplier<String> fallback) {
    if (n < list.size() && used.add(list.get(n))) {
      return list.get(n);
    }
    for (int i = 0; i < 1000; i++) {
      String s = fallback.get();
      if (used.add(s)) {
        return s;
      }
    }
    throw new IllegalStateException("ran out of names");
  }

  private String place() {
    return People.place(rng);
  }

  /** The short form of a committee's name used as a prefix of its units, e.g. 双溪镇, 水务集团. */
  static String stem(Org committee) {
    String n = committee.name;
    n = n.replaceFirst("^青山区", "");
    n = n.replaceAll("(党工委|工作委员会|党委)$", "");
    n = n.replace("有限公司", "");
    return n;
  }

  /** A unique name for a general branch (党总支) of a committee; also returns the stem for its branches. */
  String generalBranch(Org committee) {
    return unique(() -> switch (committee.domain) {
      case GOVERNMENT -> "区" + rng.pick(BUREAUS) + "机关党总支";
      case COMMUNITY -> People.place(rng) + "社区党总支";
      case SCHOOL -> People.place(rng) + "中学党总支";
      case NEW_ORG -> rng.pick(BRANDS) + "集团有限公司党总支";
      case RURAL -> People.place(rng) + "村党总支";
      case STATE_ENTERPRISE -> stem(committee) + rng.pick(SOE_UNITS) + "党总支";
    });
  }

  /** Names of the branches of a general branch: first/second ... and a retirees' branch. */
  String generalBranchMember(Org general, int i, boolean retired) {
    String stem = general.name.replaceAll("(有限公司)?党总支$", "");
    if (retired) {
      String what = switch (general.domain) {
        case SCHOOL -> "离退休教师";
        case RURAL -> "老党员";
        case GOVERNMENT -> "离退休干部";
        default -> "离退休";
      };
      return unique(() -> stem + what + "党支部");
    }
    String teacher = general.domain == Domain.SCHOOL ? "教工" : "";
    return unique(() -> stem + teacher + "第" + People.chineseNumber(i) + "党支部");
  }

  /** A branch directly under a committee, in the given domain. */
  String branch(Org committee, Domain domain, boolean retired) {
    if (retired) {
      return unique(() -> switch (committee.domain) {
        case GOVERNMENT -> "区" + rng.pick(BUREAUS) + "离退休干部党支部";
        case SCHOOL -> People.place(rng) + "小学离退休教师党支部";
        case STATE_ENTERPRISE -> stem(committee) + "离退休职工党支部";
        case RURAL -> People.place(rng) + "村老党员党支部";
        default -> People.place(rng) + "社区离退休党支部";
      });
    }
    return unique(() -> switch (domain) {
      case GOVERNMENT -> committee.domain == Domain.GOVERNMENT
          ? "区" + rng.pick(BUREAUS) + "机关党支部"
          : stem(committee) + "机关党支部";
      case COMMUNITY -> People.place(rng) + "社区党支部";
      case SCHOOL -> switch (rng.nextInt(6)) {
        case 0 -> People.place(rng) + "小学党支部";
        case 1 -> People.place(rng) + "中学党支部";
        case 2 -> People.place(rng) + "幼儿园党支部";
        case 3 -> "区" + People.place(rng) + "实验学校党支部";
        case 4 -> "区第" + People.chineseNumber(1 + rng.nextInt(30)) + "中学党支部";
        default -> "区第" + People.chineseNumber(1 + rng.nextInt(40)) + "小学党支部";
      };
      case NEW_ORG -> rng.pick(BRANDS) + rng.pick(INDUSTRIES) + "党支部";
      case RURAL -> People.place(rng) + "村党支部";
      case STATE_ENTERPRISE -> stem(committee) + rng.pick(SOE_UNITS) + "党支部";
    });
  }

  private String unique(java.util.function.Supplier<String> gen) {
    String last = null;
    for (int i = 0; i < 200; i++) {
      last = gen.get();
      if (used.add(last)) {
        return last;
      }
    }
    // Pools exhausted (city size): number the name.
    String base = last.replaceAll("党支部$|党总支$", "");
    String suffix = last.endsWith("党总支") ? "党总支" : "党支部";
    for (int n = 2; ; n++) {
      String s = base + (n < 100 ? "第" + People.chineseNumber(n) : String.valueOf(n)) + suffix;
      if (used.add(s)) {
        return s;
      }
    }
  }

  /** A unique branch name for an organization that is not in the org tree. */
  String unregistered(Org committee) {
    return branch(committee, committee.domain, false);
  }
}
