package org.jifen.samples;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Chinese names, fake national ID numbers with a valid check digit, and place names. */
final class People {
  private People() {}

  // Common surnames, most frequent first; the first ones are drawn more often.
  private static final String SURNAMES =
      "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
          + "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
  private static final String MALE =
      "伟强磊军洋勇杰涛明超斌华建国平刚辉鹏俊峰飞波宇浩凯健亮成林东文志海龙兵鑫帅晨博睿轩宏德荣生福春永"
          + "昊然航翔旭阳毅锋军利荣兴立新光庆广瑞振彬骏晖元正庭";
  private static final String FEMALE =
      "芳娜敏静丽艳娟霞秀玲燕红婷雪慧琳洁倩颖萍梅莉兰英欣悦晶蓉琴佳怡雯璐瑶丹露薇月莹菲娇媛婕琪嘉晓妍彤";
  // Given names typical of people born before 1960.
  private static final String[] OLD_MALE = {"建国", "国庆", "建华", "卫东", "振华", "德明", "志刚", "保国", "永福", "金生", "长林", "国强"};
  private static final String[] OLD_FEMALE = {"淑珍", "秀英", "桂兰", "玉兰", "凤英", "秀兰", "桂英", "淑英", "素梅", "美华", "惠芳", "玉珍"};

  /** Area codes used for ID numbers; the first is the district's own. */
  static final String[] AREA_CODES = {"320105", "320104", "320106", "320111", "320102", "341122", "360121", "410523", "321323", "320981"};

  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final String CHECK = "10X98765432";
  private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.ofPattern("yyyyMMdd");

  static String name(Rng r, boolean male, int birthYear) {
    // Skewed towards the frequent surnames.
    int idx = (int) Math.floor(Math.pow(r.nextDouble(), 1.8) * SURNAMES.length());
    String surname = SURNAMES.substring(idx, idx + 1);
    if (birthYear < 1960 && r.chance(0.35)) {
      return surname + (male ? r.pickOf(OLD_MALE) : r.pickOf(OLD_FEMALE));
    }
    String pool = male ? MALE : FEMALE;
    char first = pool.charAt(r.nextInt(pool.length()));
    if (r.chance(0.3)) {
      return surname + first;
    }
    char second = pool.charAt(r.nextInt(pool.length()));
    return surname + first + second;
  }

  /** An 18-digit ID number: area, birth date, sequence (odd for men), check digit. */
  static String idNumber(Rng r, LocalDate birth, boolean male) {
    String area = r.chance(0.65) ? AREA_CODES[0] : AREA_CODES[1 + r.nextInt(AREA_CODES.length - 1)];
    int seq = r.nextInt(500) * 2 + (male ? 1 : 0);
    String first17 = area + birth.format(YYYYMMDD) + String.format(Locale.ROOT, "%03d", seq);
    return first17 + checkDigit(first17);
  }

  /** The GB 11643 check character of the first 17 digits. */
  static char checkDigit(String first17) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (first17.charAt(i) - '0') * WEIGHTS[i];
    }
    return CHECK.charAt(sum % 11);
  }

  private static final String PLACE_CHARS =
      "东南西北青白金石桃柳杨梅松竹兰荷凤龙华新和平安康宁福兴隆泰丰盛昌明光阳春秋江河湖山溪桥湾塘坪岭林园";

  /** A two-character place name, e.g. 桃溪. */
  static String place(Rng r) {
    char a = PLACE_CHARS.charAt(r.nextInt(PLACE_CHARS.length()));
    char b;
    do {
      b = PLACE_CHARS.charAt(r.nextInt(PLACE_CHARS.length()));
    } while (b == a);
    return "" + a + b;
  }

  private static final String[] CN_DIGITS = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

  /** Chinese ordinal number for 1..99, e.g. 12 → 十二. */
  static String chineseNumber(int n) {
    if (n <= 10) {
      return CN_DIGITS[n];
    }
    if (n < 20) {
      return "十" + CN_DIGITS[n - 10];
    }
    return CN_DIGITS[n / 10] + "十" + (n % 10 == 0 ? "" : CN_DIGITS[n % 10]);
  }
}
