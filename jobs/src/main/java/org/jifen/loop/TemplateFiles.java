package org.jifen.loop;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the ledger templates of a quarter into a folder, one file per branch, by the rule of the
 * report packs: one branch's failure never stops the others; every failure is listed with its
 * branch and why; a file is written aside (a hidden {@code .<name>-*.tmp} in the same folder) and
 * renamed into place, and the aside file is removed whatever happens, so a failure leaves nothing
 * behind. Texts longer than a cell holds are cut with "…" and listed with their real length.
 *
 * <p>Usage: {@code TemplateFiles.write(spec, TemplateInputs.read(wh, () -> spark, "2026Q1", null), Path.of("out"))}.
 */
public final class TemplateFiles {
  private TemplateFiles() {}

  /**
   * One template written.
   *
   * @param conversionNotes members whose 党员身份 cell carries a conversion note
   * @param cut the texts cut to fit a cell, each with its real length (empty when none)
   */
  public record Written(TemplateInputs.BranchRoster branch, Path file, long conversionNotes, List<String> cut) {}

  /** A branch whose template could not be written, and why. */
  public record Failure(String branchCode, String reason) {
    @Override
    public String toString() {
      return branchCode + ": " + reason;
    }
  }

  /** What was written, and what failed (in branch order). */
  public record Result(List<Written> written, List<Failure> failures) {}

  /** Writes every branch's template into {@code out} (created when missing), replacing files of the same name. */
  public static Result write(LedgerTemplate.Spec spec, List<TemplateInputs.BranchRoster> branches, Path out)
      throws IOException {
    org.jifen.reports.OwnerOnly.createDirectories(out);
    List<Written> written = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    for (TemplateInputs.BranchRoster b : branches) {
      String code = b.branch().code();
      Path file = out.resolve(LedgerTemplate.fileName(code, spec.period()));
      Path tmp = null;
      try {
        tmp = Files.createTempFile(out, "." + file.getFileName() + "-", ".tmp");
        List<String> cut;
        try (OutputStream o = Files.newOutputStream(tmp)) {
          cut = LedgerTemplate.write(spec, b.branch(), b.members(), o);
        }
        org.jifen.reports.OwnerOnly.restrict(tmp);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        long notes = b.members().stream().filter(m -> LedgerTemplate.conversionNote(m, spec) != null).count();
        written.add(new Written(b, file, notes, cut));
      } catch (IOException | RuntimeException e) {
        failures.add(new Failure(code, describe(e)));
      } finally {
        removeAside(tmp, code, failures);
      }
    }
    return new Result(List.copyOf(written), List.copyOf(failures));
  }

  private static void removeAside(Path tmp, String code, List<Failure> failures) {
    if (tmp == null) {
      return;
    }
    try {
      Files.deleteIfExists(tmp);
    } catch (IOException e) {
      failures.add(new Failure(code, "could not remove " + tmp + ": " + describe(e)));
    }
  }

  /** The exception's class and message (at most 300 characters of it). */
  static String describe(Throwable t) {
    String m = t.getMessage() == null ? "" : t.getMessage().strip();
    if (m.length() > 300) {
      m = m.substring(0, 299) + "…";
    }
    return t.getClass().getSimpleName() + (m.isEmpty() ? "" : " (" + m + ")");
  }
}
