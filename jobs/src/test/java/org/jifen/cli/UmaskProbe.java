package org.jifen.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A JVM for {@link OwnerOnlyFilesTest}: creates {@code args[0]} (its mode shows the process's umask),
 * then runs each {@code jifen} command given after it, separated by {@code ";"}; exits with the
 * highest exit code.
 */
final class UmaskProbe {
  private UmaskProbe() {}

  public static void main(String[] args) throws Exception {
    Files.createFile(Path.of(args[0]));
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    int worst = 0;
    int from = 0;
    for (int i = 0; i <= rest.size(); i++) {
      if (i == rest.size() || rest.get(i).equals(";")) {
        int code = Jifen.commandLine().execute(rest.subList(from, i).toArray(String[]::new));
        System.err.println("[probe] jifen " + rest.get(from) + " exit " + code);
        worst = Math.max(worst, code);
        from = i + 1;
      }
    }
    System.exit(worst);
  }
}
