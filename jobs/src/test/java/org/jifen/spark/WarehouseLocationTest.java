package org.jifen.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Warehouse locations with characters a URI would escape (issue 19 point 1). */
class WarehouseLocationTest {

  private static final String HOSTILE = "/tmp/数据 #1 [测试] {x} 50% 'a'（副本）/wh";

  @Test
  void aFileLocationIsTakenAsWrittenNotAsAnEscapedUri() {
    assertEquals(Path.of(HOSTILE), Warehouse.localPath("file:" + HOSTILE));
    assertEquals(Path.of(HOSTILE), Warehouse.localPath("file://" + HOSTILE));
  }

  @Test
  void aPlainPathIsLocalAndAClusterUriIsNot() {
    assertEquals(Path.of(HOSTILE), Warehouse.localPath(HOSTILE));
    assertNull(Warehouse.localPath("hdfs://namenode:8020/jifen/wh"));
    assertNull(Warehouse.localPath("s3a://bucket/数据/wh"));
  }
}
