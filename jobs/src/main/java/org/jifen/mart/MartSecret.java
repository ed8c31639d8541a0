package org.jifen.mart;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * The district's pseudonymisation key: {@code <warehouse>/config/mart-secret}, 32 random bytes as
 * hex, created owner-only ({@code rw-------}) when missing and never printed. A member's
 * {@code member_key} is the hex HMAC-SHA256 of the 党员编号 with this key.
 */
public final class MartSecret {
  /** Location of the key under the warehouse root. */
  public static final String FILE = "config/mart-secret";
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private final byte[] key;

  private MartSecret(byte[] key) {
    this.key = key.clone();
  }

  /** A key from its bytes (tests, tools that hold the key elsewhere). */
  public static MartSecret of(byte[] key) {
    if (key == null || key.length < 16) {
      throw new IllegalArgumentException("A mart secret needs at least 16 bytes");
    }
    return new MartSecret(key);
  }

  /**
   * Reads the key at {@code file} (a local path or any Hadoop URI), creating it owner-only with a
   * fresh random key when missing.
   */
  public static MartSecret loadOrCreate(String file, Configuration conf) {
    try {
      Path local = MartBuilder.localPath(file);
      return local != null ? local(local) : hadoop(new org.apache.hadoop.fs.Path(file), conf);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create the mart secret " + file + ": " + e.getMessage(), e);
    }
  }

  private static MartSecret local(Path p) throws IOException {
    if (!Files.exists(p)) {
      Files.createDirectories(p.toAbsolutePath().getParent());
      try {
        // Created with owner-only permissions from the start: the key is never readable by others.
        Files.createFile(p, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        Files.writeString(p, fresh() + "\n", StandardCharsets.US_ASCII);
      } catch (FileAlreadyExistsException raced) {
        // another build created it first: use that one
      }
    }
    return parse(Files.readString(p, StandardCharsets.US_ASCII), p.toString());
  }

  private static MartSecret hadoop(org.apache.hadoop.fs.Path p, Configuration conf) throws IOException {
    FileSystem fs = p.getFileSystem(conf);
    if (!fs.exists(p)) {
      try (OutputStream out = fs.create(p, new FsPermission((short) 0600), false,
          conf.getInt("io.file.buffer.size", 4096), fs.getDefaultReplication(p), fs.getDefaultBlockSize(p), null)) {
        out.write((fresh() + "\n").getBytes(StandardCharsets.US_ASCII));
      }
    }
    try (InputStream in = fs.open(p)) {
      return parse(new String(in.readAllBytes(), StandardCharsets.US_ASCII), p.toString());
    }
  }

  private static String fresh() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  private static MartSecret parse(String text, String where) {
    String hex = text.strip();
    if (!hex.matches("[0-9a-fA-F]{32,}") || hex.length() % 2 != 0) {
      throw new IllegalStateException("The mart secret " + where
          + " is not a hex key of at least 16 bytes (delete it to create a new one; member keys will change)");
    }
    return new MartSecret(HexFormat.of().parseHex(hex));
  }

  /** True when a local key file can be read by others than its owner. */
  static boolean tooOpen(String file) {
    Path p = MartBuilder.localPath(file);
    try {
      return p != null && Files.exists(p) && !OWNER_ONLY.containsAll(Files.getPosixFilePermissions(p));
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  /**
   * The salted hash silver keeps of a national ID (身份证号) instead of the ID: lower-case hex
   * HMAC-SHA256 with this warehouse's key over {@code "national-id:" + ID} (trimmed, upper case), so
   * equal IDs are found without the IDs; null for a blank ID.
   */
  public String idHash(String nationalId) {
    return idHash(key, nationalId);
  }

  /** {@link #idHash} as a Spark function (serialisable: it carries a copy of the key to the tasks). */
  public org.apache.spark.sql.api.java.UDF1<String, String> idHasher() {
    byte[] k = key.clone();
    return id -> idHash(k, id);
  }

  static String idHash(byte[] key, String nationalId) {
    if (nationalId == null || nationalId.isBlank()) {
      return null;
    }
    return hex(mac(key), "national-id:" + nationalId.strip().toUpperCase(java.util.Locale.ROOT));
  }

  /** The member_key of a 党员编号: lower-case hex HMAC-SHA256 with this key; null for null. */
  public String memberKey(String memberCode) {
    return memberKey(key, memberCode);
  }

  public static String memberKey(byte[] key, String memberCode) {
    return memberCode == null ? null : hex(mac(key), memberCode);
  }

  /**
   * {@link #memberKey} for many codes: one MAC reused (hundreds of thousands of members), so not
   * for use by several threads at once.
   */
  java.util.function.UnaryOperator<String> keyer() {
    Mac mac = mac(key);
    return code -> code == null ? null : hex(mac, code);
  }

  private static Mac mac(byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac;
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(Mac mac, String memberCode) {
    return HexFormat.of().formatHex(mac.doFinal(memberCode.getBytes(StandardCharsets.UTF_8)));
  }

  byte[] key() {
    return key.clone();
  }

  @Override
  public String toString() {
    return "MartSecret[hidden]";
  }
}
