package org.jifen.scheme;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What an item does; fixes the sign of its 分值 and, for no-points items, the flag it raises. */
public enum ItemKind {
  BASE(-1, null, "基础分扣分"),
  BONUS(+1, null, "加分"),
  DEDUCTION(-1, null, "扣分"),
  REWARD(+1, null, "奖励加分"),
  PENALTY(-1, null, "处罚扣分"),
  VETO(0, Flag.VETO, "一票否决"),
  HARD_FAIL(0, Flag.HARD_FAIL, "直接评为不合格"),
  ZEROING(0, Flag.ZEROED, "得分归零");

  private final int sign;
  private final Flag flag;
  private final String chinese;

  ItemKind(int sign, Flag flag, String chinese) {
    this.sign = sign;
    this.flag = flag;
    this.chinese = chinese;
  }

  /** +1 when 分值 must be positive, -1 when negative, 0 when the item carries no points. */
  public int sign() {
    return sign;
  }

  /** The flag an entry of this kind raises, or null for points-carrying kinds. */
  public Flag flag() {
    return flag;
  }

  public String chinese() {
    return chinese;
  }

  /** The name written in scheme files, e.g. {@code hard_fail}. */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static ItemKind fromYaml(String s) {
    for (ItemKind k : values()) {
      if (k.yamlName().equals(s)) {
        return k;
      }
    }
    return null;
  }

  static String allYamlNames() {
    return Arrays.stream(values()).map(ItemKind::yamlName).collect(Collectors.joining(", "));
  }
}
