package org.jifen.ingest;

import java.io.IOException;
import java.io.Serializable;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.jifen.ingest.read.FileProblem;
import org.jifen.ingest.read.LedgerInput;
import org.jifen.ingest.read.LedgerReader;
import org.jifen.ingest.read.ParsedLedger;
import org.jifen.ingest.read.SheetRow;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The functions Spark runs on executors: fingerprint each export, then parse each new one. Each
 * task opens its files through Hadoop's FileSystem, so the inbox may be local, HDFS or S3.
 */
final class ParseTasks implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Map<String, String> hadoopConf;

  ParseTasks(Configuration conf) {
    Map<String, String> m = new java.util.HashMap<>();
    for (Map.Entry<String, String> e : conf) {
      m.put(e.getKey(), e.getValue());
    }
    this.hadoopConf = m;
  }

  private Configuration conf() {
    Configuration c = new Configuration(false);
    hadoopConf.forEach(c::set);
    return c;
  }

  /** Inbox row → the same row with {@code file_sha256, size_bytes, problem_code, problem_message}. */
  MapPartitionsFunction<Row, Row> fingerprint() {
    return rows -> {
      Configuration c = conf();
      List<Row> out = new ArrayList<>();
      while (rows.hasNext()) {
        Row r = rows.next();
        String uri = r.getAs("file_uri");
        String kind = r.getAs("file_kind");
        String source = r.getAs("source_file");
        String sha = null;
        Long size = null;
        String code = null;
        String message = null;
        if (InboxFile.SYMLINK.equals(kind) || InboxFile.SPECIAL.equals(kind)) {
          // Never opened: a FIFO would block the task, a link may point anywhere on the host.
          code = InboxFile.SYMLINK.equals(kind) ? "SYMLINK_NOT_FOLLOWED" : "SPECIAL_FILE";
          message = source + (InboxFile.SYMLINK.equals(kind)
              ? ": is (or holds) a symbolic link, which is not followed (copy the file into the inbox, or pass "
                  + "--follow-links)"
              : ": is (or holds) a FIFO, device, socket or dangling link, not a file; it was not read");
          sha = kind.toLowerCase(java.util.Locale.ROOT) + ":" + source;
          out.add(RowFactory.create(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), sha, 0L, code, message));
          continue;
        }
        try {
          Path p = new Path(uri);
          FileSystem fs = p.getFileSystem(c);
          size = fs.getContentSummary(p).getLength();
          sha = LedgerFiles.fingerprint(fs, uri, kind);
        } catch (IOException | RuntimeException e) {
          code = "FILE_UNREADABLE";
          message = source + ": cannot be read from storage (" + e.getClass().getSimpleName() + ")";
          sha = "unreadable:" + source;
        }
        out.add(RowFactory.create(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), sha, size, code, message));
      }
      return out.iterator();
    };
  }

  /** Fingerprinted row of a new export → one 'file' row and one 'row' row per sheet row read. */
  FlatMapFunction<Row, Row> parse() {
    return r -> {
      String period = r.getAs("inbox_period");
      String source = r.getAs("source_file");
      String uri = r.getAs("file_uri");
      String kind = r.getAs("file_kind");
      Timestamp received = r.getAs("received_at");
      String sha = r.getAs("file_sha256");
      Long size = r.getAs("size_bytes");
      String preCode = r.getAs("problem_code");
      List<Row> out = new ArrayList<>();
      if (preCode != null) {
        out.add(fileRow(period, source, uri, sha, received, null, null, size,
            new FileProblem(preCode, r.getAs("problem_message"), null, null, null)));
        return out.iterator();
      }
      ParsedLedger parsed;
      try {
        Path p = new Path(uri);
        LedgerInput input = LedgerFiles.load(p.getFileSystem(conf()), uri, kind, source);
        parsed = LedgerReader.read(input);
      } catch (LedgerFiles.LoadException e) {
        out.add(fileRow(period, source, uri, sha, received, null, null, size,
            new FileProblem(e.code, e.getMessage(), null, null, null)));
        return out.iterator();
      } catch (IOException | RuntimeException e) {
        // Also an unexpected failure (a path the file system refuses, a library bug): this file is
        // rejected under its own name and the other files of the batch go on.
        out.add(fileRow(period, source, uri, sha, received, null, null, size,
            new FileProblem("FILE_UNREADABLE", source + ": cannot be read from storage ("
                + InboxScanner.describe(e) + ")", null, null, null)));
        return out.iterator();
      }
      out.add(fileRow(period, source, uri, sha, received, parsed.format(), parsed.encoding(), size,
          parsed.problem()));
      for (SheetRow row : parsed.rows()) {
        out.add(RowFactory.create("row", period, source, uri, sha, received, parsed.format(), parsed.encoding(),
            size, null, null, null, null, null, row.sheet(), row.rowNumber(),
            CollectionConverters.asScala(row.fields())));
      }
      return out.iterator();
    };
  }

  private static Row fileRow(String period, String source, String uri, String sha, Timestamp received,
      String format, String encoding, Long size, FileProblem p) {
    return RowFactory.create("file", period, source, uri, sha, received, format, encoding, size,
        p == null ? null : p.code(), p == null ? null : p.message(), p == null ? null : p.sheet(),
        p == null ? null : p.row(), p == null ? null : p.column(), null, null, null);
  }

}
