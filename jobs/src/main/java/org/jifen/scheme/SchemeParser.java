package org.jifen.scheme;

import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a scheme file into a {@link Scheme}, rejecting anything inconsistent with a located message. */
final class SchemeParser {
  private static final Pattern CODE = Pattern.compile("[A-Za-z][A-Za-z0-9]*");
  private static final Pattern RANGE =
      Pattern.compile("([A-Za-z]+)(\\d+)\\s*[-–~～]\\s*([A-Za-z]+)(\\d+)");
  private static final Pattern COMPONENT_ID = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Pattern FRACTION = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*/\\s*(\\d+(?:\\.\\d+)?)\\s*");

  private static final List<String> TOP_KEYS = List.of("id", "name", "description", "standings", "items",
      "components", "flags", "quarter_score", "annual_score", "grades", "quota", "disposal");

  private final String file;
  private final byte[] bytes;

  private final List<Item> items = new ArrayList<>();
  private final Map<String, Item> itemsByCode = new LinkedHashMap<>();
  private final Map<String, Component> components = new LinkedHashMap<>();

  SchemeParser(String file, byte[] bytes) {
    this.file = file;
    this.bytes = bytes;
  }

  Scheme parse() {
    YamlNode root = YamlNode.parse(file, bytes);
    root.requireMap("a scheme file");
    root.allowOnly("the scheme", TOP_KEYS);

    YamlNode idNode = root.required("id", "the scheme");
    String id = idNode.string("id");
    if (!Schemes.ID.matcher(id).matches()) {
      throw idNode.error("scheme id `" + id + "` is not a valid id.",
          "use lower-case letters, digits and '-', e.g. district-100.");
    }
    String name = root.required("name", "the scheme").string("name");
    String description = root.has("description") ? root.get("description").string("description") : "";

    List<String> graded = standings(root.required("standings", "the scheme"));
    readItems(root.required("items", "the scheme"));
    readComponents(root.required("components", "the scheme"));
    checkEveryItemUsed();
    Map<Flag, FlagRule> flags = readFlags(root.get("flags"), root);
    Formula quarter = formula(root.required("quarter_score", "the scheme"), Window.QUARTER);
    Formula annual = formula(root.required("annual_score", "the scheme"), Window.YEAR);
    List<GradeBand> bands = bands(root.required("grades", "the scheme"), quarter, annual);
    List<String> gradeNames = bands.stream().map(GradeBand::grade).toList();
    Quota quota = root.has("quota") ? quota(root.get("quota"), gradeNames) : null;
    Disposal disposal = root.has("disposal")
        ? disposal(root.get("disposal"), gradeNames)
        : new Disposal(List.of(gradeNames.get(gradeNames.size() - 1)), null, 0);

    return new Scheme(id, name, description, file, sha256(bytes), graded, items, components, flags,
        quarter, annual, bands, quota, disposal);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- standings ------------------------------------------------------------------------------

  private List<String> standings(YamlNode n) {
    n.requireMap("standings");
    n.allowOnly("standings", List.of("graded"));
    YamlNode g = n.required("graded", "standings");
    List<String> out = new ArrayList<>();
    for (YamlNode s : g.scalarList("standings.graded")) {
      out.add(s.string("a standing"));
    }
    if (out.isEmpty()) {
      throw g.error("standings.graded is empty: nobody would be graded.", "list 正式党员 and 预备党员.");
    }
    return out;
  }

  // ---- items ----------------------------------------------------------------------------------

  private void readItems(YamlNode list) {
    list.requireList("items");
    if (list.items().isEmpty()) {
      throw list.error("items is empty.", "define the scheme's item codes.");
    }
    for (YamlNode n : list.items()) {
      n.requireMap("an item");
      n.allowOnly("an item", List.of("code", "name", "kind", "points", "cap"));
      YamlNode codeNode = n.required("code", "the item");
      String codeText = codeNode.string("code");
      String name = n.required("name", "item " + codeText).string("name");
      YamlNode kindNode = n.required("kind", "item " + codeText);
      ItemKind kind = ItemKind.fromYaml(kindNode.string("kind"));
      if (kind == null) {
        throw kindNode.error("item " + codeText + " has unknown kind `" + kindNode.text() + "`.",
            "use one of: " + ItemKind.allYamlNames() + ".");
      }
      List<BigDecimal> points = new ArrayList<>();
      if (n.has("points")) {
        YamlNode pn = n.get("points");
        if (kind.sign() == 0) {
          throw pn.error("item " + codeText + " is a " + kind.yamlName() + " item, which carries no points.",
              "remove `points`.");
        }
        for (YamlNode p : pn.scalarList("points")) {
          BigDecimal v = p.decimal("points of item " + codeText);
          if (v.signum() != kind.sign()) {
            throw p.error("item " + codeText + " is a " + kind.yamlName() + " item, so its points must be "
                + (kind.sign() < 0 ? "negative" : "positive") + ", found " + v.toPlainString() + ".",
                "write " + v.negate().toPlainString() + ", or change the kind.");
          }
          points.add(v);
        }
      }
      BigDecimal[] caps = caps(n.get("cap"), "item " + codeText);
      if (caps != null && kind.sign() == 0) {
        throw n.keyError("cap", "item " + codeText + " is a " + kind.yamlName() + " item, which carries no points to cap.",
            "remove `cap`.");
      }
      for (String code : expand(codeNode)) {
        Item prev = itemsByCode.get(code);
        if (prev != null) {
          throw codeNode.error("item code " + code + " is defined twice (first on line " + prev.line() + ").",
              "keep one definition, or change one of the codes.");
        }
        Item item = new Item(code, name, kind, points, caps == null ? null : caps[0],
            caps == null ? null : caps[1], codeNode.line());
        items.add(item);
        itemsByCode.put(code, item);
      }
    }
  }

  /** Expands a code (B1) or a range (D01-D99, D01–D99) into item codes. */
  private static List<String> expand(YamlNode n) {
    String s = n.string("an item code");
    if (CODE.matcher(s).matches()) {
      return List.of(s);
    }
    Matcher m = RANGE.matcher(s);
    if (!m.matches()) {
      throw n.error("`" + s + "` is neither an item code nor a range of codes.",
          "write a code such as B1 or a range such as D01-D99 (same letters, same number of digits).");
    }
    String from = m.group(2);
    String to = m.group(4);
    if (!m.group(1).equals(m.group(3)) || from.length() != to.length()) {
      throw n.error("range `" + s + "` must keep the same letters and number of digits at both ends.",
          "write it like D01-D99.");
    }
    int a = Integer.parseInt(from);
    int b = Integer.parseInt(to);
    if (a > b) {
      throw n.error("range `" + s + "` runs backwards.", "write the smaller code first.");
    }
    List<String> out = new ArrayList<>();
    for (int i = a; i <= b; i++) {
      out.add(m.group(1) + String.format("%0" + from.length() + "d", i));
    }
    return out;
  }

  /** Resolves a list of codes / ranges to defined items. */
  private List<String> itemRefs(YamlNode n, String what) {
    List<String> out = new ArrayList<>();
    for (YamlNode c : n.scalarList(what)) {
      for (String code : expand(c)) {
        if (!itemsByCode.containsKey(code)) {
          throw c.error(what + " refers to item " + code + ", which is not defined under items.",
              "define " + code + " under items, or correct the code.");
        }
        if (out.contains(code)) {
          throw c.error(what + " lists item " + code + " twice.", "list it once.");
        }
        out.add(code);
      }
    }
    if (out.isEmpty()) {
      throw n.error(what + " is empty.", "list at least one item code.");
    }
    return out;
  }

  /** Reads {quarter: x, year: y}; null when absent. Caps must be positive. */
  private static BigDecimal[] caps(YamlNode n, String what) {
    if (n == null) {
      return null;
    }
    n.requireMap("cap of " + what);
    n.allowOnly("cap of " + what, List.of("quarter", "year"));
    if (n.entries().isEmpty()) {
      throw n.error("cap of " + what + " is empty.", "write cap: {quarter: N} and/or {year: N}.");
    }
    BigDecimal[] out = new BigDecimal[2];
    String[] keys = {"quarter", "year"};
    for (int i = 0; i < 2; i++) {
      YamlNode v = n.get(keys[i]);
      if (v != null) {
        out[i] = v.decimal("cap");
        if (out[i].signum() <= 0) {
          throw v.error("the " + keys[i] + " cap of " + what + " is " + out[i].toPlainString()
              + "; a cap must be greater than 0.", "write the largest total allowed per " + keys[i]
              + " (e.g. 5), or remove the cap for no limit.");
        }
      }
    }
    return out;
  }

  // ---- components -----------------------------------------------------------------------------

  private void readComponents(YamlNode map) {
    map.requireMap("components");
    if (map.entries().isEmpty()) {
      throw map.error("components is empty.", "define at least one component.");
    }
    Map<String, String> owner = new LinkedHashMap<>();
    for (Map.Entry<String, YamlNode> e : map.entries().entrySet()) {
      String cid = e.getKey();
      YamlNode n = e.getValue();
      if (!COMPONENT_ID.matcher(cid).matches()) {
        throw map.keyError(cid, "component id `" + cid + "` is not valid.",
            "use lower-case letters, digits and '_', e.g. base, bonus, daily.");
      }
      n.requireMap("component " + cid);
      String what = "component " + cid;
      YamlNode typeNode = n.required("type", what);
      String type = typeNode.string("type");
      String cname = n.required("name", what).string("name");
      Component c;
      switch (type) {
        case "sum": {
          n.allowOnly(what + " (type sum)", List.of("name", "type", "items", "cap", "floor"));
          List<String> refs = pointItems(n, what);
          BigDecimal[] caps = caps(n.get("cap"), what);
          BigDecimal floor = n.has("floor") ? n.get("floor").decimal("floor") : null;
          c = new Component(cid, cname, Component.Type.SUM, refs, false, null, floor,
              caps == null ? null : caps[0], caps == null ? null : caps[1], null, null, n.line());
          break;
        }
        case "start": {
          n.allowOnly(what + " (type start)", List.of("name", "type", "items", "per_item", "start", "floor"));
          List<String> refs = pointItems(n, what);
          BigDecimal start = n.required("start", what).decimal("start");
          if (start.signum() <= 0) {
            throw n.get("start").error(what + " starts at " + start.toPlainString() + "; a full start must be greater than 0.",
                "write the points a member starts with, e.g. 100.");
          }
          boolean perItem = n.has("per_item") && bool(n.get("per_item"), "per_item");
          BigDecimal floor = n.has("floor") ? n.get("floor").decimal("floor") : null;
          if (floor != null && floor.compareTo(start) >= 0) {
            throw n.get("floor").error(what + " has floor " + floor.toPlainString() + " not below its start "
                + start.toPlainString() + ".", "use a floor below the start, usually 0.");
          }
          for (String code : refs) {
            if (itemsByCode.get(code).kind().sign() > 0) {
              throw n.get("items").error(what + " subtracts from a full start, but item " + code + " is a "
                  + itemsByCode.get(code).kind().yamlName() + " item (positive points).",
                  "move " + code + " to a component of type sum.");
            }
          }
          c = new Component(cid, cname, Component.Type.START, refs, perItem, start, floor, null, null, null, null, n.line());
          break;
        }
        case "evaluation": {
          n.allowOnly(what + " (type evaluation)", List.of("name", "type", "grades", "score_factor"));
          YamlNode g = n.required("grades", what).requireMap("grades of " + what);
          Map<String, BigDecimal> points = new LinkedHashMap<>();
          for (Map.Entry<String, YamlNode> ge : g.entries().entrySet()) {
            BigDecimal v = ge.getValue().decimal("points of 评议等次 " + ge.getKey());
            if (v.signum() < 0) {
              throw ge.getValue().error("评议等次 " + ge.getKey() + " maps to negative points.", "use 0 or more.");
            }
            points.put(ge.getKey(), v);
          }
          if (points.isEmpty()) {
            throw g.error("grades of " + what + " is empty.", "map each 评议等次 to points, e.g. 优秀: 95.");
          }
          BigDecimal factor = n.has("score_factor") ? n.get("score_factor").decimal("score_factor") : BigDecimal.ONE;
          if (factor.signum() <= 0) {
            throw n.get("score_factor").error("score_factor of " + what + " must be greater than 0.",
                "write the factor that turns 评议得分 (0-100) into points, e.g. 1 or 0.2.");
          }
          c = new Component(cid, cname, Component.Type.EVALUATION, List.of(), false, null, null, null, null, points, factor, n.line());
          break;
        }
        default:
          throw typeNode.error(what + " has unknown type `" + type + "`.", "use one of: sum, start, evaluation.");
      }
      for (String code : c.items()) {
        String prev = owner.putIfAbsent(code, cid);
        if (prev != null) {
          throw n.get("items").error("item " + code + " is counted by both component " + prev + " and " + cid + ".",
              "keep it in one component.");
        }
      }
      components.put(cid, c);
    }
  }

  private List<String> pointItems(YamlNode n, String what) {
    YamlNode itemsNode = n.required("items", what);
    List<String> refs = itemRefs(itemsNode, what + " items");
    for (String code : refs) {
      Item it = itemsByCode.get(code);
      if (it.kind().sign() == 0) {
        throw itemsNode.error(what + " counts item " + code + ", a " + it.kind().yamlName() + " item without points.",
            "remove " + code + " from the component; its effect is set under flags.");
      }
    }
    return refs;
  }

  private void checkEveryItemUsed() {
    Set<String> used = new LinkedHashSet<>();
    components.values().forEach(c -> used.addAll(c.items()));
    for (Item i : items) {
      if (i.kind().sign() != 0 && !used.contains(i.code())) {
        throw new SchemeException(file, i.line(), 0, "item " + i.code() + " (" + i.name() + ") is not counted by any component.",
            "add " + i.code() + " to a component's items, or remove the item.");
      }
    }
  }

  // ---- flags ----------------------------------------------------------------------------------

  private Map<Flag, FlagRule> readFlags(YamlNode map, YamlNode root) {
    Map<Flag, FlagRule> out = new EnumMap<>(Flag.class);
    if (map != null) {
      map.requireMap("flags");
      for (Map.Entry<String, YamlNode> e : map.entries().entrySet()) {
        Flag f = Flag.fromColumn(e.getKey());
        if (f == null) {
          throw map.keyError(e.getKey(), "unknown flag `" + e.getKey() + "`.", "use veto, hard_fail or zeroed.");
        }
        YamlNode n = e.getValue().requireMap("flag " + f.column());
        String what = "flag " + f.column();
        n.allowOnly(what, List.of("name", "acts_on", "score", "grade"));
        String fname = n.has("name") ? n.get("name").string("name") : f.chinese();
        boolean q = false;
        boolean y = false;
        YamlNode acts = n.required("acts_on", what);
        for (YamlNode a : acts.scalarList("acts_on")) {
          switch (a.string("acts_on")) {
            case "quarter" -> q = true;
            case "year" -> y = true;
            default -> throw a.error(what + " acts on unknown window `" + a.text() + "`.", "use quarter and/or year.");
          }
        }
        if (!q && !y) {
          throw acts.error(what + " acts on nothing.", "write acts_on: [quarter, year] or [year].");
        }
        YamlNode sn = n.required("score", what);
        boolean zero = switch (sn.string("score")) {
          case "zero" -> true;
          case "as_computed" -> false;
          default -> throw sn.error(what + " has unknown score effect `" + sn.text() + "`.", "use zero or as_computed.");
        };
        YamlNode gn = n.required("grade", what);
        boolean fail = switch (gn.string("grade")) {
          case "lowest" -> true;
          case "from_score" -> false;
          default -> throw gn.error(what + " has unknown grade effect `" + gn.text() + "`.", "use lowest or from_score.");
        };
        if (!zero && !fail) {
          throw n.error(what + " changes neither the score nor the grade.",
              "set score: zero and/or grade: lowest, or remove the flag.");
        }
        boolean hasItems = items.stream().anyMatch(i -> i.kind().flag() == f);
        if (!hasItems) {
          throw map.keyError(e.getKey(), what + " is defined but no item has kind " + kindOf(f).yamlName() + ".",
              "add items of kind " + kindOf(f).yamlName() + ", or remove the flag.");
        }
        out.put(f, new FlagRule(f, fname, q, y, zero, fail, n.line()));
      }
    }
    for (Item i : items) {
      Flag f = i.kind().flag();
      if (f != null && !out.containsKey(f)) {
        throw new SchemeException(file, i.line(), 0, "item " + i.code() + " has kind " + i.kind().yamlName()
            + " but the scheme says nothing about what it does.",
            "add flags: {" + f.column() + ": {acts_on: [...], score: ..., grade: ...}} (see docs/schemes.md).");
      }
    }
    return out;
  }

  private static ItemKind kindOf(Flag f) {
    for (ItemKind k : ItemKind.values()) {
      if (k.flag() == f) {
        return k;
      }
    }
    throw new IllegalStateException(f.toString());
  }

  private static boolean bool(YamlNode n, String what) {
    String t = n.string(what);
    if (t.equals("true")) {
      return true;
    }
    if (t.equals("false")) {
      return false;
    }
    throw n.error(what + " must be true or false, found `" + t + "`.", "write true or false.");
  }

  // ---- formulas -------------------------------------------------------------------------------

  private Formula formula(YamlNode n, Window w) {
    String what = w == Window.QUARTER ? "quarter_score" : "annual_score";
    n.requireMap(what);
    n.allowOnly(what, List.of("name", "method", "add", "weighted", "scale", "range"));
    String fname = n.has("name") ? n.get("name").string("name") : (w.chinese() + "得分");
    Formula.Method method = Formula.Method.COMPONENTS;
    if (n.has("method")) {
      YamlNode m = n.get("method");
      method = switch (m.string("method")) {
        case "components" -> Formula.Method.COMPONENTS;
        case "mean_of_quarters" -> Formula.Method.MEAN_OF_QUARTERS;
        default -> throw m.error(what + " has unknown method `" + m.text() + "`.", "use components or mean_of_quarters.");
      };
      if (method == Formula.Method.MEAN_OF_QUARTERS && w == Window.QUARTER) {
        throw m.error("quarter_score cannot be a mean of quarters.", "use add/weighted components.");
      }
    }
    BigDecimal[] range = range(n.required("range", what), what);
    if (method == Formula.Method.MEAN_OF_QUARTERS) {
      for (String k : List.of("add", "weighted", "scale")) {
        if (n.has(k)) {
          throw n.keyError(k, what + " is the mean of the quarter scores; `" + k + "` has no meaning there.",
              "remove `" + k + "`, or drop `method: mean_of_quarters`.");
        }
      }
      return new Formula(w, fname, method, List.of(), Map.of(), BigDecimal.ONE, BigDecimal.ONE, range[0], range[1], n.line());
    }
    List<String> add = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    if (n.has("add")) {
      for (YamlNode c : n.get("add").scalarList(what + ".add")) {
        add.add(componentRef(c, what, w, seen));
      }
    }
    Map<String, BigDecimal> weighted = new LinkedHashMap<>();
    if (n.has("weighted")) {
      YamlNode wn = n.get("weighted").requireMap(what + ".weighted");
      BigDecimal total = BigDecimal.ZERO;
      for (Map.Entry<String, YamlNode> e : wn.entries().entrySet()) {
        String cid = e.getKey();
        checkComponent(cid, wn, what, w, seen);
        BigDecimal weight = e.getValue().decimal("weight of " + cid);
        if (weight.signum() <= 0 || weight.compareTo(BigDecimal.ONE) > 0) {
          throw e.getValue().error("weight " + weight.toPlainString() + " of " + cid + " in " + what
              + " makes no sense: a weight is a share between 0 (excluded) and 1.",
              "write shares such as 0.8 and 0.2 that add up to 1; list a component under `add` to count it fully.");
        }
        weighted.put(cid, weight);
        total = total.add(weight);
      }
      if (total.compareTo(BigDecimal.ONE) != 0) {
        throw wn.error("the weights of " + what + ".weighted add up to " + total.toPlainString() + ", not 1.",
            "make the shares add up to 1 (e.g. daily: 0.8, evaluation: 0.2).");
      }
    }
    if (add.isEmpty() && weighted.isEmpty()) {
      throw n.error(what + " uses no component.", "list components under `add` and/or `weighted`.");
    }
    BigDecimal num = BigDecimal.ONE;
    BigDecimal den = BigDecimal.ONE;
    if (n.has("scale")) {
      YamlNode s = n.get("scale");
      Matcher fm = FRACTION.matcher(s.text() == null ? "" : s.text());
      if (fm.matches()) {
        num = new BigDecimal(fm.group(1));
        den = new BigDecimal(fm.group(2));
      } else {
        num = s.decimal("scale");
      }
      if (num.signum() <= 0 || den.signum() <= 0) {
        throw s.error("scale of " + what + " must be greater than 0.", "write a factor such as 1.25 or 100/80.");
      }
    }
    return new Formula(w, fname, method, add, weighted, num, den, range[0], range[1], n.line());
  }

  private String componentRef(YamlNode c, String what, Window w, Set<String> seen) {
    String cid = c.string("a component id");
    if (!components.containsKey(cid)) {
      throw c.error(what + " refers to component `" + cid + "`, which is not defined under components.",
          "define it under components, or use one of: " + String.join(", ", components.keySet()) + ".");
    }
    checkComponent(cid, c, what, w, seen);
    return cid;
  }

  private void checkComponent(String cid, YamlNode at, String what, Window w, Set<String> seen) {
    Component comp = components.get(cid);
    if (comp == null) {
      throw at.keyError(cid, what + " refers to component `" + cid + "`, which is not defined under components.",
          "define it under components, or use one of: " + String.join(", ", components.keySet()) + ".");
    }
    if (!seen.add(cid)) {
      throw at.keyError(cid, what + " uses component " + cid + " twice.", "use it once.");
    }
    if (comp.type() == Component.Type.EVALUATION && w == Window.QUARTER) {
      throw at.keyError(cid, "quarter_score uses the evaluation component " + cid
          + ", but 民主评议 happens once a year (Q4).", "use it only in annual_score.");
    }
  }

  private static BigDecimal[] range(YamlNode n, String what) {
    List<YamlNode> l = n.scalarList(what + ".range");
    if (l.size() != 2) {
      throw n.error(what + ".range must be [lowest, highest].", "write e.g. range: [0, 100].");
    }
    BigDecimal lo = l.get(0).decimal("range");
    BigDecimal hi = l.get(1).decimal("range");
    if (lo.compareTo(hi) >= 0) {
      throw n.error(what + ".range [" + lo.toPlainString() + ", " + hi.toPlainString() + "] is empty.",
          "write the lowest score first, e.g. [0, 100].");
    }
    return new BigDecimal[] {lo, hi};
  }

  // ---- grade bands ----------------------------------------------------------------------------

  private List<GradeBand> bands(YamlNode list, Formula quarter, Formula annual) {
    list.requireList("grades");
    if (list.items().size() < 2) {
      throw list.error("grades needs at least two bands.", "list bands highest first, e.g. 优秀 ≥90 … 不合格 ≥0.");
    }
    List<GradeBand> out = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    BigDecimal prevMin = null;
    String prevName = null;
    for (YamlNode n : list.items()) {
      n.requireMap("a grade band");
      n.allowOnly("a grade band", List.of("grade", "min", "max"));
      String g = n.required("grade", "the band").string("grade");
      if (!names.add(g)) {
        throw n.error("grade " + g + " appears twice in grades.", "list each grade once.");
      }
      BigDecimal min = n.required("min", "band " + g).decimal("min");
      YamlNode maxNode = n.get("max");
      BigDecimal max = maxNode == null ? null : maxNode.decimal("max");
      if (max != null && max.compareTo(min) < 0) {
        throw maxNode.error("band " + g + " runs from " + plain(min) + " down to " + plain(max) + ".",
            "write min below max.");
      }
      // "70–79" in published rules covers every score below 80: the upper edge is max plus one unit of its last digit.
      BigDecimal upper = max == null ? null : max.add(BigDecimal.ONE.movePointLeft(Math.max(0, max.scale())));
      if (prevMin == null) {
        BigDecimal top = quarter.max().max(annual.max());
        if (upper != null && upper.compareTo(top) <= 0) {
          throw maxNode.error("grade bands leave " + span(upper, top, true) + " unassigned above " + g + " ("
              + plain(min) + "–" + plain(max) + "), but scores reach " + plain(top) + ".",
              "drop `max` from the highest band " + g + ".");
        }
      } else {
        if (min.compareTo(prevMin) >= 0) {
          throw n.error("band " + g + " (≥" + plain(min) + ") is not below " + prevName + " (≥" + plain(prevMin)
              + "): the bands overlap or are out of order.",
              "list bands highest first, each starting below the one before it.");
        }
        if (upper != null && upper.compareTo(prevMin) < 0) {
          throw maxNode.error("grade bands leave " + span(upper, prevMin, false) + " unassigned between " + g + " ("
              + plain(min) + "–" + plain(max) + ") and " + prevName + " (≥" + plain(prevMin) + ").",
              "set " + g + "'s max to " + plain(prevMin.subtract(upper.subtract(max))) + " (or drop `max`), or add a band with min "
                  + plain(upper) + ".");
        }
        if (upper != null && upper.compareTo(prevMin) > 0) {
          throw maxNode.error("grade bands overlap: " + g + " (" + plain(min) + "–" + plain(max) + ") reaches into "
              + prevName + " (≥" + plain(prevMin) + ").",
              "set " + g + "'s max to " + plain(prevMin.subtract(upper.subtract(max))) + " (or drop `max`).");
        }
      }
      out.add(new GradeBand(g, min));
      prevMin = min;
      prevName = g;
    }
    GradeBand last = out.get(out.size() - 1);
    if (last.min().signum() != 0) {
      YamlNode lastNode = list.items().get(list.items().size() - 1);
      throw lastNode.error("grade bands do not reach 0: scores below " + plain(last.min()) + " would have no grade.",
          "set the min of the lowest band " + last.grade() + " to 0, or add a band with min 0.");
    }
    return out;
  }

  /** Describes the scores from {@code from} (inclusive) to {@code to} (inclusive when closed). */
  private static String span(BigDecimal from, BigDecimal to, boolean closed) {
    boolean integers = from.stripTrailingZeros().scale() <= 0 && to.stripTrailingZeros().scale() <= 0;
    if (closed) {
      return from.compareTo(to) == 0 ? "the score " + plain(to) : plain(from) + "–" + plain(to);
    }
    if (integers) {
      BigDecimal last = to.subtract(BigDecimal.ONE);
      return last.compareTo(from) == 0 ? "the score " + plain(from) : plain(from) + "–" + plain(last);
    }
    return "scores from " + plain(from) + " to below " + plain(to);
  }

  private static String plain(BigDecimal d) {
    return d.stripTrailingZeros().toPlainString();
  }

  // ---- quota and disposal ---------------------------------------------------------------------

  private Quota quota(YamlNode n, List<String> grades) {
    n.requireMap("quota");
    n.allowOnly("quota", List.of("grade", "percent", "demote_to", "tie_break_items"));
    YamlNode gn = n.required("grade", "quota");
    String g = grade(gn, grades, "quota.grade");
    YamlNode pn = n.required("percent", "quota");
    BigDecimal pct = pn.decimal("quota.percent");
    if (pct.signum() <= 0 || pct.compareTo(BigDecimal.valueOf(100)) > 0) {
      throw pn.error("quota.percent " + plain(pct) + " makes no sense.", "write a share between 0 (excluded) and 100, e.g. 15.");
    }
    YamlNode dn = n.required("demote_to", "quota");
    String d = grade(dn, grades, "quota.demote_to");
    if (grades.indexOf(d) <= grades.indexOf(g)) {
      throw dn.error("quota.demote_to " + d + " is not below " + g + ".", "name a lower grade, e.g. 合格.");
    }
    List<String> tie = n.has("tie_break_items") ? itemRefs(n.get("tie_break_items"), "quota.tie_break_items") : List.of();
    return new Quota(g, pct, d, tie);
  }

  private Disposal disposal(YamlNode n, List<String> grades) {
    n.requireMap("disposal");
    n.allowOnly("disposal", List.of("grades", "consecutive"));
    List<String> g = new ArrayList<>();
    if (n.has("grades")) {
      for (YamlNode x : n.get("grades").scalarList("disposal.grades")) {
        g.add(grade(x, grades, "disposal.grades"));
      }
    }
    String cg = null;
    int years = 0;
    if (n.has("consecutive")) {
      YamlNode c = n.get("consecutive").requireMap("disposal.consecutive");
      c.allowOnly("disposal.consecutive", List.of("grade", "years"));
      cg = grade(c.required("grade", "disposal.consecutive"), grades, "disposal.consecutive.grade");
      YamlNode yn = c.required("years", "disposal.consecutive");
      years = yn.integer("years");
      if (years < 2 || years > 10) {
        throw yn.error("disposal.consecutive.years must be between 2 and 10.", "write 2 for two consecutive years.");
      }
    }
    if (g.isEmpty() && cg == null) {
      throw n.error("disposal names no grade.", "write disposal: {grades: [不合格]}.");
    }
    return new Disposal(g, cg, years);
  }

  private static String grade(YamlNode n, List<String> grades, String what) {
    String g = n.string(what);
    if (!grades.contains(g)) {
      throw n.error(what + " names grade " + g + ", which is not one of the grade bands.",
          "use one of: " + String.join(", ", grades) + ".");
    }
    return g;
  }

}
