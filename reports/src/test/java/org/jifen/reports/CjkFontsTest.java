package org.jifen.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.io.InputStream;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The CJK font: the bundled TTF is on the classpath and draws real glyphs; the choice never yields boxes. */
class CjkFontsTest {
  private static final FontRenderContext FRC = new FontRenderContext(null, true, true);

  @Test
  void bundledFontIsOnTheClasspathWithItsLicence() throws Exception {
    try (InputStream ttf = CjkFonts.class.getResourceAsStream(CjkFonts.BUNDLED_RESOURCE);
         InputStream ofl = CjkFonts.class.getResourceAsStream("/fonts/NotoSansSC-OFL.txt")) {
      assertNotNull(ttf, "the build (download-maven-plugin) puts the font into target/classes/fonts");
      assertNotNull(ofl, "the font's OFL licence travels with it");
      assertTrue(new String(ofl.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
          .contains("SIL OPEN FONT LICENSE Version 1.1"));
    }
  }

  @Test
  void bundledFontDrawsChineseGlyphsNotBoxes() {
    Font f = CjkFonts.bundled().orElseThrow();
    assertEquals("Noto Sans SC", f.getFamily(Locale.ROOT));
    assertEquals(-1, f.canDisplayUpTo(CjkFonts.PROBE + "优秀良好合格不合格基本合格（）：·—≥"));
    GlyphVector gv = f.createGlyphVector(FRC, "党员");
    for (int i = 0; i < gv.getNumGlyphs(); i++) {
      assertNotEquals(f.getMissingGlyphCode(), gv.getGlyphCode(i));
    }
    assertTrue(gv.getOutline().getBounds2D().getWidth() > 0);
  }

  @Test
  void chosenFontDisplaysTheProbeAndThemeUsesIt() {
    Font f = CjkFonts.font();
    assertEquals(-1, f.canDisplayUpTo(CjkFonts.PROBE));
    var theme = CjkFonts.chartTheme();
    assertEquals(f.getFamily(), theme.getRegularFont().getFamily());
    assertEquals(f.getFamily(), theme.getExtraLargeFont().getFamily());
  }

  @Test
  void explicitChoicesAreHonouredOrFailClearly() {
    assertEquals("Noto Sans SC", CjkFonts.choose("bundled").getFamily(Locale.ROOT));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> CjkFonts.choose("No Such Font 123"));
    assertTrue(e.getMessage().contains("No Such Font 123"), e.getMessage());
  }
}
