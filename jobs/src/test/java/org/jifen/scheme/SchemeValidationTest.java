package org.jifen.scheme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One fixture per rejection reason; every message names the file, the line and the fix. */
class SchemeValidationTest {
  private static final Path DIR = Path.of("src/test/resources/fixtures/schemes");

  @Test
  void theBaseFixtureIsValid() {
    assertEquals("fixture", Schemes.load(DIR.resolve("valid.yaml").toString()).id());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      bands_gap                   | 37 | grade bands leave 80–89 unassigned between 合格 (70–79) and 优秀 (≥90) | set 合格's max to 89
      bands_overlap               | 37 | grade bands overlap: 良好 (70–84) reaches into 优秀 (≥80)              | set 良好's max to 79
      bands_not_reaching_zero     | 39 | grade bands do not reach 0: scores below 40 would have no grade       | set the min of the lowest band 不合格 to 0
      bands_out_of_order          | 38 | band 合格 (≥75) is not below 良好 (≥70)                                | list bands highest first
      bands_top_capped            | 36 | grade bands leave 86–88 unassigned above 优秀 (80–85)                  | drop `max` from the highest band 优秀
      item_duplicate_code         | 10 | item code A5 is defined twice (first on line 9)                       | keep one definition
      item_duplicate_in_range     | 12 | item code A03 is defined twice (first on line 11)                     | keep one definition
      item_range_malformed        | 10 | range `A6-B9` must keep the same letters                              | write it like D01-D99
      item_unknown_kind           | 10 | item A6 has unknown kind `bonuses`                                    | use one of: base, bonus, deduction
      item_unknown_in_component   | 23 | component bonus items refers to item A7, which is not defined         | define A7 under items
      item_not_counted            | 10 | item A6 (创新工作受上级认可) is not counted by any component          | add A6 to a component's items
      item_points_wrong_sign      |  8 | item B2 is a base item, so its points must be negative, found 3       | write -3
      component_unknown_in_formula| 30 | quarter_score refers to component `bonuses`, which is not defined     | use one of: base, bonus
      component_unknown_type      | 22 | component bonus has unknown type `total`                              | use one of: sum, start, evaluation
      weights_not_adding_to_one   | 30 | the weights of quarter_score.weighted add up to 1.1, not 1            | make the shares add up to 1
      weight_out_of_range         | 31 | weight 1.5 of bonus in quarter_score makes no sense                   | add up to 1
      cap_not_positive            |  9 | the quarter cap of item A5 is 0; a cap must be greater than 0         | remove the cap for no limit
      cap_negative_on_component   | 24 | the year cap of component bonus is -10                                | write the largest total allowed per year
      unknown_key                 |  7 | unknown key `point` in an item                                        | use one of: code, name, kind, points, cap
      evaluation_in_quarter_score | 34 | quarter_score uses the evaluation component evaluation                | use it only in annual_score
      flag_without_rule           | 11 | item V10 has kind veto but the scheme says nothing about what it does | add flags: {veto:
      mean_with_weights           | 34 | annual_score is the mean of the quarter scores; `add` has no meaning  | remove `add`
      quota_unknown_grade         | 35 | quota.grade names grade 优良, which is not one of the grade bands     | use one of: 优秀, 良好, 合格, 不合格
      duplicate_key               | 19 | key `start` appears twice in the same block (first on line 18)        | keep one of them
      yaml_syntax_error           | 18 | not valid YAML: while parsing a block mapping                         | check indentation
      yaml_alias                  |  3 | found the YAML alias `*i` where a value was expected                  | write the value itself instead of `*i`
      yaml_anchor                 |  3 | found the YAML anchor `&n`; anchors and aliases are not read          | remove `&n`
      """)
  void rejectsWithFileLineAndFix(String fixture, int line, String problem, String fix) {
    String file = DIR.resolve(fixture + ".yaml").toString();
    SchemeException e = assertThrows(SchemeException.class, () -> Schemes.load(file));
    String m = e.getMessage();
    assertEquals(file, e.file());
    assertEquals(line, e.line(), m);
    assertTrue(m.startsWith(file + ":" + line + ":") || m.startsWith(file + ":" + line + " "), m);
    assertTrue(m.contains(problem), () -> "expected «" + problem + "» in: " + m);
    assertTrue(m.contains("Fix: ") && m.substring(m.indexOf("Fix: ")).contains(fix), () -> "expected fix «" + fix + "» in: " + m);
  }
}
