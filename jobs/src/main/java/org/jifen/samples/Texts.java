package org.jifen.samples;

import java.util.List;

/** The 依据 (grounds) and 说明 texts branches write, per item. */
final class Texts {
  private Texts() {}

  static final List<String> B1 = List.of("在网络群组发表不当言论", "在公开场合发表与党的路线方针政策不符的言论",
      "转发不当言论，经支部核实", "在微信朋友圈发布不当言论");
  static final List<String> B2_UNEXCUSED = List.of("无故缺席%d月主题党日活动", "无故缺席%d月支部党员大会",
      "无故缺席%d月党小组会", "未请假缺席%d月党课");
  static final List<String> B2_EXCUSED = List.of("请假缺席%d月支部党员大会", "请假缺席%d月主题党日活动",
      "请假缺席%d月党小组会", "因事请假未参加%d月党课");
  static final List<String> B3 = List.of("违反社会公德，支部研究扣分", "邻里纠纷处理不当，造成不良影响",
      "违反交通法规受到处罚", "家庭美德方面群众有反映，支部研究扣分", "工作作风问题被群众投诉");
  static final List<String> B4 = List.of("未完成支部分配的社区包联任务", "承诺事项未兑现", "设岗定责任务未履行",
      "%d月志愿服务报名后未参加", "未完成支部分配的网格值守任务");
  static final List<String> A5 = List.of("合理化建议被单位采纳", "提出的工作建议被上级采纳", "为支部建设提出建议被采纳");
  static final List<String> A6 = List.of("创新工作法获上级推广", "创新做法获上级认可", "工作创新案例入选区级优秀案例");
  static final List<String> A7_COMMON = List.of("亮身份当先锋，参加%d月志愿服务", "获评%d月党员示范岗",
      "参加%d月主题党日志愿服务");
  static final List<String> A9 = List.of("支部认定：参与%d月疫苗接种宣传", "支部认定：参与%d月防汛值守",
      "支部认定：参与%d月文明城市创建", "支部认定：结对帮扶困难群众", "支部认定：参与%d月反诈宣传");

  static String a7Domain(Domain d) {
    return switch (d) {
      case COMMUNITY -> "参加%d月社区网格巡查";
      case RURAL -> "参加%d月人居环境整治";
      case SCHOOL -> "参加%d月课后服务志愿岗";
      case GOVERNMENT -> "下沉社区参加%d月志愿服务";
      case NEW_ORG -> "参加%d月党员先锋岗活动";
      case STATE_ENTERPRISE -> "在%d月重点项目建设中担当先锋";
    };
  }

  static String a8(int points) {
    return switch (points) {
      case 5 -> "获市级表彰";
      case 3 -> "获区级表彰";
      default -> "获单位年度先进个人";
    };
  }

  static String veto(String item) {
    return switch (item) {
      case "V10" -> "拒不执行党组织的决定";
      case "V11" -> "违规越级上访，经教育仍不改正";
      case "V12" -> "因违纪问题被立案审查";
      case "V13" -> "连续6个月未交纳党费";
      case "V14" -> "参加宗教活动，经教育不改";
      default -> "连续6个月不参加组织生活";
    };
  }

  static final List<String> WARNING = List.of("支部书记谈话提醒", "累计扣分较多，支部书记谈心谈话",
      "无故缺席组织生活，予以提醒");
  static final List<String> MENTORING = List.of("连续两个季度积分低于60分，制定帮教计划，明确帮教责任人",
      "签订整改承诺书，由党小组长结对帮教");
  static final List<String> HANDLING = List.of("经支部党员大会讨论，给予限期改正处理", "报上级党组织给予组织处理");

  static final List<String> INSTRUCTIONS = List.of("填表说明",
      "1. 积分明细按事项逐条登记，一事一记。",
      "2. 分值：加分填正数，扣分填负数；一票否决项分值不填。",
      "3. 日期格式：年-月-日。",
      "4. 党员编号以组织部下发的编号为准，新转入党员编号待分配的暂不填写。",
      "5. 本表经支部委员会审核、公示7天后报送上级党组织。");
}
