package org.jifen.ingest;

import java.util.List;
import java.util.Set;
import org.jifen.scheme.ItemRule;

/**
 * What ingestion validates against for one year: the scheme's items and the evaluation grades
 * it maps.
 *
 * @param year the points year
 * @param schemeId id of the scheme in force
 * @param items every item code the scheme knows
 * @param evaluationGrades grades of 民主评议 the scheme maps (the five standard ones when the
 *     scheme uses no evaluation)
 */
public record SchemeRules(int year, String schemeId, List<ItemRule> items, Set<String> evaluationGrades) {
  /** The five grades of 民主评议 (DOMAIN §4). */
  public static final Set<String> STANDARD_GRADES = Set.of("优秀", "良好", "合格", "基本合格", "不合格");
}
