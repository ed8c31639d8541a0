package org.jifen.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;

/** The chart encoder writes PNGs that decode to the same pixels and state their print resolution. */
class PngTest {
  @Test
  void roundTripsPixelsAndStatesTheResolution() throws Exception {
    BufferedImage img = new BufferedImage(123, 45, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 123, 45);
    g.setColor(new Color(0x1F4E79));
    g.fillRect(10, 5, 50, 30);
    g.setColor(new Color(0xC0392B));
    g.drawLine(0, 44, 122, 0);
    g.dispose();
    byte[] png = Png.encode(img, 216);
    BufferedImage back = ImageIO.read(new ByteArrayInputStream(png));
    assertEquals(123, back.getWidth());
    assertEquals(45, back.getHeight());
    for (int y = 0; y < 45; y++) {
      for (int x = 0; x < 123; x++) {
        assertEquals(img.getRGB(x, y), back.getRGB(x, y), "pixel " + x + "," + y);
      }
    }
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(png))) {
      var reader = ImageIO.getImageReaders(in).next();
      reader.setInput(in);
      IIOMetadata meta = reader.getImageMetadata(0);
      var std = (javax.imageio.metadata.IIOMetadataNode) meta.getAsTree("javax_imageio_1.0");
      var size = (javax.imageio.metadata.IIOMetadataNode) std.getElementsByTagName("HorizontalPixelSize").item(0);
      // 216 dpi = 0.1176 mm per pixel.
      assertEquals(25.4 / 216, Double.parseDouble(size.getAttribute("value")), 1e-3);
    }
  }
}
