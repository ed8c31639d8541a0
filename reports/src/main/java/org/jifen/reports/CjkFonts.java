package org.jifen.reports;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.jfree.chart.StandardChartTheme;

/**
 * The font that draws Chinese text in charts. Prefers an installed font that can display
 * {@value #PROBE} (so charts match the machine's documents); otherwise registers the Noto Sans SC
 * TTF that the build bundles on the classpath ({@value #BUNDLED_RESOURCE}, OFL-1.1, fetched by
 * {@code download-maven-plugin} from the npm package {@code @expo-google-fonts/noto-sans-sc});
 * fails with a message saying how to get one when neither exists, so a chart never shows boxes.
 *
 * <p>The system property {@value #PROPERTY} overrides the choice: {@code bundled}, {@code system},
 * or a font family name.
 */
public final class CjkFonts {
  /** Text a usable font must display completely. */
  public static final String PROBE = "党员积分管理统计";
  /** Classpath location of the bundled font. */
  public static final String BUNDLED_RESOURCE = "/fonts/NotoSansSC_400Regular.ttf";
  /** System property choosing the font: {@code bundled}, {@code system} or a family name. */
  public static final String PROPERTY = "jifen.reports.font";

  /** Installed families tried first, in order; any other installed family that can display the probe follows. */
  static final List<String> PREFERRED = List.of(
      "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Micro Hei",
      "WenQuanYi Zen Hei", "Microsoft YaHei", "微软雅黑", "PingFang SC", "Hiragino Sans GB", "SimHei", "黑体",
      "Droid Sans Fallback", "AR PL UMing CN", "SimSun", "宋体");

  /** Java's logical fonts: they map to whatever fontconfig finds, so they are never chosen by name. */
  private static final Set<String> LOGICAL = Set.of("dialog", "dialoginput", "monospaced", "serif", "sansserif");

  private static volatile Font chosen;

  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private CjkFonts() {}

  /** The chosen font at 12 pt plain (chosen once per JVM). */
  public static Font font() {
    Font f = chosen;
    if (f == null) {
      synchronized (CjkFonts.class) {
        if (chosen == null) {
          chosen = choose(System.getProperty(PROPERTY, ""));
        }
        f = chosen;
      }
    }
    return f;
  }

  /** The chosen font in the given style and size. */
  public static Font font(int style, float size) {
    return font().deriveFont(style, size);
  }

  /** The family name of the chosen font. */
  public static String family() {
    return font().getFamily(Locale.ROOT);
  }

  /** A JFreeChart theme whose every text font is the chosen CJK font. */
  public static StandardChartTheme chartTheme() {
    StandardChartTheme theme = new StandardChartTheme("jifen-cjk");
    theme.setExtraLargeFont(font(Font.BOLD, 16f));
    theme.setLargeFont(font(Font.BOLD, 13f));
    theme.setRegularFont(font(Font.PLAIN, 11.5f));
    theme.setSmallFont(font(Font.PLAIN, 10.5f));
    return theme;
  }

  static Font choose(String request) {
    String r = request == null ? "" : request.strip();
    if (r.equalsIgnoreCase("bundled")) {
      return bundled().orElseThrow(() -> new IllegalStateException(missingMessage()));
    }
    if (!r.isEmpty() && !r.equalsIgnoreCase("system")) {
      Font f = new Font(r, Font.PLAIN, 12);
      if (!f.getFamily(Locale.ROOT).equalsIgnoreCase(r) && !f.getFamily().equalsIgnoreCase(r) || !displays(f)) {
        throw new IllegalStateException("Font '" + r + "' (" + PROPERTY + ") is not installed or cannot display "
            + PROBE);
      }
      return f;
    }
    java.util.Optional<Font> system = system();
    if (system.isPresent()) {
      return system.get();
    }
    if (r.equalsIgnoreCase("system")) {
      throw new IllegalStateException("No installed font can display Chinese (" + PROPERTY + "=system). "
          + missingMessage());
    }
    return bundled().orElseThrow(() -> new IllegalStateException(missingMessage()));
  }

  /** An installed font family that displays the probe, preferred names first. */
  static java.util.Optional<Font> system() {
    GraphicsEnvironment ge = GraphicsEnvironment.getLocalGraphicsEnvironment();
    Set<String> installed = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    installed.addAll(Arrays.asList(ge.getAvailableFontFamilyNames(Locale.ROOT)));
    for (String name : PREFERRED) {
      if (installed.contains(name)) {
        Font f = new Font(name, Font.PLAIN, 12);
        if (displays(f)) {
          return java.util.Optional.of(f);
        }
      }
    }
    for (String name : installed) {
      if (LOGICAL.contains(name.toLowerCase(Locale.ROOT))) {
        continue;
      }
      Font f = new Font(name, Font.PLAIN, 12);
      if (displays(f)) {
        return java.util.Optional.of(f);
      }
    }
    return java.util.Optional.empty();
  }

  /** The bundled Noto Sans SC, registered with the graphics environment; empty when not on the classpath. */
  static java.util.Optional<Font> bundled() {
    try (InputStream in = CjkFonts.class.getResourceAsStream(BUNDLED_RESOURCE)) {
      if (in == null) {
        return java.util.Optional.empty();
      }
      Font f = Font.createFont(Font.TRUETYPE_FONT, in).deriveFont(Font.PLAIN, 12f);
      GraphicsEnvironment.getLocalGraphicsEnvironment().registerFont(f);
      if (!displays(f)) {
        throw new IllegalStateException("The bundled font " + BUNDLED_RESOURCE + " cannot display " + PROBE);
      }
      return java.util.Optional.of(f);
    } catch (IOException | FontFormatException e) {
      throw new IllegalStateException("Cannot load the bundled font " + BUNDLED_RESOURCE + ": " + e.getMessage(), e);
    }
  }

  static boolean displays(Font f) {
    return f.canDisplayUpTo(PROBE) == -1;
  }

  private static String missingMessage() {
    return "No font can display Chinese: no installed font displays " + PROBE + " and " + BUNDLED_RESOURCE
        + " is not on the classpath. Build jifen-reports with Maven (mvn -pl reports -am package downloads"
        + " NotoSansSC_400Regular.ttf into the jar), or install a CJK font"
        + " (Debian/Ubuntu: apt-get install fonts-noto-cjk or fonts-wqy-microhei).";
  }
}
