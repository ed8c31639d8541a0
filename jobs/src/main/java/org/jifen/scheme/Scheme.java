package org.jifen.scheme;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A validated scoring scheme read from a YAML file (DOMAIN §5): items, components, flags, the
 * quarter and annual formulas, grade bands, quota and disposal rules. Immutable; obtain one
 * with {@link Schemes#load(String)}.
 */
public final class Scheme implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final String id;
  private final String name;
  private final String description;
  private final String source;
  private final String contentHash;
  private final List<String> gradedStandings;
  private final List<Item> items;
  private final Map<String, Item> itemsByCode;
  private final Map<String, Component> components;
  private final Map<Flag, FlagRule> flags;
  private final Formula quarterFormula;
  private final Formula annualFormula;
  private final List<GradeBand> bands;
  private final Quota quota;
  private final Disposal disposal;

  Scheme(String id, String name, String description, String source, String contentHash,
      List<String> gradedStandings, List<Item> items, Map<String, Component> components,
      Map<Flag, FlagRule> flags, Formula quarterFormula, Formula annualFormula,
      List<GradeBand> bands, Quota quota, Disposal disposal) {
    this.id = id;
    this.name = name;
    this.description = description;
    this.source = source;
    this.contentHash = contentHash;
    this.gradedStandings = List.copyOf(gradedStandings);
    this.items = List.copyOf(items);
    Map<String, Item> byCode = new LinkedHashMap<>();
    for (Item i : items) {
      byCode.put(i.code(), i);
    }
    this.itemsByCode = Collections.unmodifiableMap(byCode);
    this.components = Collections.unmodifiableMap(new LinkedHashMap<>(components));
    this.flags = Collections.unmodifiableMap(new LinkedHashMap<>(flags));
    this.quarterFormula = quarterFormula;
    this.annualFormula = annualFormula;
    this.bands = List.copyOf(bands);
    this.quota = quota;
    this.disposal = disposal;
  }

  /** The scheme's id, e.g. {@code district-100}; stored with every score row. */
  public String id() {
    return id;
  }

  /** Chinese title of the scheme. */
  public String name() {
    return name;
  }

  public String description() {
    return description;
  }

  /** Where the scheme was read from (a file path or {@code classpath:schemes/<id>.yaml}). */
  public String source() {
    return source;
  }

  /** Lower-case hex SHA-256 of the file's bytes; stored with every score row. */
  public String contentHash() {
    return contentHash;
  }

  /** One rule per item code (ranges expanded), in file order: what ingestion validates entries with. */
  public List<ItemRule> itemRules() {
    List<ItemRule> rules = new ArrayList<>(items.size());
    for (Item i : items) {
      rules.add(i.toRule());
    }
    return Collections.unmodifiableList(rules);
  }

  /** The 评议等次 the scheme maps to points; empty when the scheme uses no evaluation. */
  public Set<String> evaluationGrades() {
    Set<String> g = new LinkedHashSet<>();
    for (Component c : components.values()) {
      g.addAll(c.gradePoints().keySet());
    }
    return Collections.unmodifiableSet(g);
  }

  /** Grade names, highest first, e.g. 优秀 良好 合格 不合格. */
  public List<String> gradeOrder() {
    return bands.stream().map(GradeBand::grade).toList();
  }

  /** The lowest grade (what vetoes and hard fails give). */
  public String lowestGrade() {
    return bands.get(bands.size() - 1).grade();
  }

  /** Standings that are graded; members of other standings are scored for reference only. */
  public List<String> gradedStandings() {
    return gradedStandings;
  }

  /** Every item, one per code, in file order. */
  public List<Item> items() {
    return items;
  }

  public Optional<Item> item(String code) {
    return Optional.ofNullable(itemsByCode.get(code));
  }

  /** Components by id, in file order. */
  public Map<String, Component> components() {
    return components;
  }

  public Map<Flag, FlagRule> flags() {
    return flags;
  }

  public Formula quarterFormula() {
    return quarterFormula;
  }

  public Formula annualFormula() {
    return annualFormula;
  }

  public Formula formula(Window w) {
    return w == Window.QUARTER ? quarterFormula : annualFormula;
  }

  /** Grade bands, highest first; the last starts at 0. */
  public List<GradeBand> bands() {
    return bands;
  }

  public Optional<Quota> quota() {
    return Optional.ofNullable(quota);
  }

  public Disposal disposal() {
    return disposal;
  }

  /** The evaluation component the annual score uses, if any: then a member without evaluation is 未评定. */
  public Optional<Component> annualEvaluation() {
    if (annualFormula.method() != Formula.Method.COMPONENTS) {
      return Optional.empty();
    }
    return annualFormula.terms().keySet().stream().map(components::get)
        .filter(c -> c.type() == Component.Type.EVALUATION).findFirst();
  }

  @Override
  public String toString() {
    return id + " (" + source + ", sha256 " + contentHash.substring(0, 12) + "…)";
  }
}
