package org.jifen.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * One writer per warehouse: every command that writes holds this exclusive lease for its whole run.
 *
 * <p>The lease is the folder {@code <root>/_lease}. Its {@code holder.json} names the holder (owner,
 * host, pid, command, start time, heartbeat, state). A second writer waits up to its
 * {@code --wait} and is otherwise refused with {@link BusyException} ("warehouse busy: …").
 *
 * <ul>
 *   <li>Local warehouses (a folder or {@code file:} URI) hold an operating-system lock on
 *       {@code _lease/lock}: the kernel releases it when the holder dies, even on {@code kill -9},
 *       so a dead holder's lease is taken over at once.
 *   <li>Other Hadoop URIs (HDFS, S3) create {@code holder.json} exclusively and refresh its heartbeat
 *       every {@value #HEARTBEAT_SECONDS_DEFAULT} s; it is taken over when its heartbeat is older than
 *       the timeout ({@code -Djifen.lease.timeout.seconds}, default {@value #TIMEOUT_SECONDS_DEFAULT})
 *       or its holder was on this host and its process is gone.
 * </ul>
 *
 * <p>A holder that ends normally marks the lease {@code released}. When a lease is acquired whose
 * last state is anything else (the holder crashed or failed), {@link #recoveryNeeded()} is true: the
 * unfinished batch it may have left can be rolled back now, because its writer is certainly gone.
 *
 * <p>The lease is re-entrant within one JVM: {@code jifen run} holds it across ingest, scoring,
 * aggregation and the mart, and each job's own acquire joins the lease already held.
 */
public final class WarehouseLease implements AutoCloseable {
  static final int HEARTBEAT_SECONDS_DEFAULT = 10;
  static final int TIMEOUT_SECONDS_DEFAULT = 120;
  public static final String FOLDER = "_lease";
  static final String HOLDER = "holder.json";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx")
      .withZone(ZoneOffset.ofHours(8));
  /** Leases this JVM holds, by normalised root. */
  private static final Map<String, Held> HELD = new ConcurrentHashMap<>();

  /** Refusal: another live writer holds the warehouse. Exit code 2 in the CLI. */
  public static final class BusyException extends IllegalStateException {
    private final Holder holder;

    BusyException(String root, Holder holder) {
      super("warehouse busy: " + holder.describe() + " holds " + root
          + "; retry when it has finished, or pass --wait SECONDS to wait for it");
      this.holder = holder;
    }

    public Holder holder() {
      return holder;
    }
  }

  /**
   * Who holds (or last held) a lease.
   *
   * @param state {@code held}, {@code released} (ended normally) or {@code failed} (ended with an error)
   */
  public record Holder(String token, String owner, String host, long pid, String command, Instant started,
      Instant heartbeat, String state) {
    /** "jifen ingest by alice@host1 (pid 4242) since 2025-04-11 09:30:00 +08:00". */
    public String describe() {
      return "jifen " + command + " by " + owner + "@" + host + " (pid " + pid + ") since " + TIME.format(started);
    }

    /** This holder with a new heartbeat time and state. */
    Holder with(Instant beat, String newState) {
      return new Holder(token, owner, host, pid, command, started, beat, newState);
    }

    boolean onThisHost() {
      return host.equals(hostName());
    }

    boolean processAlive() {
      return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
  }

  /** A lease held by this JVM, shared by nested acquisitions. */
  private static final class Held {
    final Store store;
    final Holder me;
    final boolean recoveryNeeded;
    final Thread heartbeat;
    int depth = 1;
    boolean failed;

    Held(Store store, Holder me, boolean recoveryNeeded, Thread heartbeat) {
      this.store = store;
      this.me = me;
      this.recoveryNeeded = recoveryNeeded;
      this.heartbeat = heartbeat;
    }
  }

  private final String key;
  private final Held held;
  private boolean closed;
  private boolean succeeded;

  private WarehouseLease(String key, Held held) {
    this.key = key;
    this.held = held;
  }

  /**
   * Takes the warehouse's lease for {@code command}, waiting up to {@code wait} for a live holder to
   * finish. Joins the lease this JVM already holds on the same warehouse.
   *
   * @throws BusyException when another live writer still holds it after {@code wait}
   */
  public static WarehouseLease acquire(Configuration hconf, String root, String command, Duration wait) {
    String key = normalise(root);
    synchronized (HELD) {
      Held mine = HELD.get(key);
      if (mine != null) {
        mine.depth++;
        return new WarehouseLease(key, mine);
      }
    }
    Store store = store(hconf, root);
    Instant deadline = Instant.now().plus(wait == null ? Duration.ZERO : wait);
    while (true) {
      Holder me = new Holder(UUID.randomUUID().toString(), System.getProperty("user.name", "?"), hostName(),
          ProcessHandle.current().pid(), command, Instant.now(), Instant.now(), "held");
      Optional<Holder> previous;
      try {
        previous = store.tryTake(me);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot take the warehouse lease at " + root + "/" + FOLDER + ": "
            + e.getMessage(), e);
      }
      if (previous != null) {
        boolean recovery = previous.map(p -> !"released".equals(p.state())).orElse(true);
        Thread beat = startHeartbeat(store, me);
        Held h = new Held(store, me, recovery, beat);
        synchronized (HELD) {
          HELD.put(key, h);
        }
        return new WarehouseLease(key, h);
      }
      if (Instant.now().isAfter(deadline)) {
        Holder holder;
        try {
          holder = store.current().orElse(null);
        } catch (IOException e) {
          holder = null;
        }
        throw new BusyException(root, holder != null ? holder
            : new Holder("?", "?", "?", -1, "?", Instant.now(), Instant.now(), "held"));
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for the warehouse lease of " + root, e);
      }
    }
  }

  /** The current holder of a warehouse's lease, if a live one holds it; never blocks (for status). */
  public static Optional<Holder> holder(Configuration hconf, String root) {
    try {
      return store(hconf, root).liveHolder();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** True when the previous holder did not end normally: roll back what it left unfinished. */
  public boolean recoveryNeeded() {
    return held.recoveryNeeded;
  }

  /** The holder record of this lease. */
  public Holder holder() {
    return held.me;
  }

  /** Marks this acquisition's work as done; closing without it records a failure. */
  public void succeeded() {
    succeeded = true;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    synchronized (HELD) {
      if (!succeeded) {
        held.failed = true;
      }
      if (--held.depth > 0) {
        return;
      }
      HELD.remove(key);
    }
    held.heartbeat.interrupt();
    try {
      held.heartbeat.join(2_000);
      held.store.release(held.me, held.failed ? "failed" : "released");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot release the warehouse lease: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Thread startHeartbeat(Store store, Holder me) {
    long every = Long.getLong("jifen.lease.heartbeat.seconds", HEARTBEAT_SECONDS_DEFAULT) * 1000;
    Thread t = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        try {
          Thread.sleep(every);
          store.beat(me);
        } catch (InterruptedException e) {
          return;
        } catch (IOException | RuntimeException e) {
          // A missed heartbeat only shortens the time before another writer may take over.
        }
      }
    }, "jifen-lease-heartbeat");
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** A holder whose heartbeat is older than the timeout, or whose process on this host is gone. */
  static boolean stale(Holder p) {
    long timeout = Long.getLong("jifen.lease.timeout.seconds", TIMEOUT_SECONDS_DEFAULT);
    return p.heartbeat().plusSeconds(timeout).isBefore(Instant.now()) || (p.onThisHost() && !p.processAlive());
  }

  /** The lease's store: an OS lock for a local warehouse, a heartbeat file on any other Hadoop URI. */
  private static Store store(Configuration hconf, String root) {
    Path local = Warehouse.localPath(root);
    return local != null ? new LocalStore(local) : new HadoopStore(hconf, root);
  }

  private static String normalise(String root) {
    Path local = Warehouse.localPath(root);
    return local != null ? local.toAbsolutePath().normalize().toString() : root;
  }

  static String hostName() {
    String h = System.getenv("HOSTNAME");
    if (h != null && !h.isBlank()) {
      return h;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }

  static byte[] toJson(Holder h) {
    ObjectNode n = JSON.createObjectNode();
    n.put("token", h.token()).put("owner", h.owner()).put("host", h.host()).put("pid", h.pid())
        .put("command", h.command()).put("started", h.started().toString())
        .put("heartbeat", h.heartbeat().toString()).put("state", h.state());
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(n);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Optional<Holder> fromJson(byte[] bytes) {
    try {
      var n = JSON.readTree(bytes);
      if (n == null || !n.has("token")) {
        return Optional.empty();
      }
      return Optional.of(new Holder(n.path("token").asText(), n.path("owner").asText(), n.path("host").asText(),
          n.path("pid").asLong(), n.path("command").asText(), Instant.parse(n.path("started").asText()),
          Instant.parse(n.path("heartbeat").asText()), n.path("state").asText()));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // a torn or foreign file: treated as no holder record
    }
  }

  /** Where a lease lives. */
  private interface Store {
    /**
     * Takes the lease for {@code me} if nobody live holds it.
     *
     * @return null when busy; otherwise the previous holder record (empty when there was none)
     */
    Optional<Holder> tryTake(Holder me) throws IOException;

    /** The holder record, live or not. */
    Optional<Holder> current() throws IOException;

    /** The holder record when its holder is live. */
    Optional<Holder> liveHolder() throws IOException;

    void beat(Holder me) throws IOException;

    void release(Holder me, String state) throws IOException;
  }

  /**
   * Creates a new local warehouse folder readable by its owner only (it will hold names and national
   * IDs); an existing folder is left as it is ({@code jifen status} warns when others can read it).
   */
  static void ownerOnlyIfNew(Path root) throws IOException {
    if (Files.exists(root)) {
      return;
    }
    Files.createDirectories(root);
    try {
      Files.setPosixFilePermissions(root, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: its ACLs decide
    }
  }

  /** A local folder: an OS file lock, released by the kernel when the holder dies. */
  private static final class LocalStore implements Store {
    private final Path dir;
    private FileChannel channel;
    private FileLock lock;

    LocalStore(Path root) {
      this.dir = root.resolve(FOLDER);
    }

    @Override
    public Optional<Holder> tryTake(Holder me) throws IOException {
      ownerOnlyIfNew(dir.getParent());
      Files.createDirectories(dir);
      FileChannel ch = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock l;
      try {
        l = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        l = null;
      }
      if (l == null) {
        ch.close();
        return null;
      }
      channel = ch;
      lock = l;
      Optional<Holder> previous = current();
      write(me);
      return previous;
    }

    @Override
    public Optional<Holder> current() throws IOException {
      Path f = dir.resolve(HOLDER);
      return Files.exists(f) ? fromJson(Files.readAllBytes(f)) : Optional.empty();
    }

    /** Read from the holder record only: probing the lock could make a starting writer fail. */
    @Override
    public Optional<Holder> liveHolder() throws IOException {
      return current().filter(h -> "held".equals(h.state()) && (h.onThisHost() ? h.processAlive() : !stale(h)));
    }

    @Override
    public void beat(Holder me) throws IOException {
      write(me.with(Instant.now(), "held"));
    }

    @Override
    public void release(Holder me, String state) throws IOException {
      try {
        write(me.with(Instant.now(), state));
      } finally {
        lock.release();
        channel.close();
      }
    }

    private void write(Holder h) throws IOException {
      Path tmp = dir.resolve(HOLDER + "." + h.token() + ".tmp");
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        ch.write(ByteBuffer.wrap(toJson(h)));
        ch.force(true);
      }
      Files.move(tmp, dir.resolve(HOLDER), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  /**
   * A Hadoop file system (HDFS, S3): the holder file is created exclusively, its heartbeat
   * refreshed; a stale one is moved aside (one rename wins) before a new one is created.
   */
  private static final class HadoopStore implements Store {
    private final FileSystem fs;
    private final org.apache.hadoop.fs.Path dir;
    private final org.apache.hadoop.fs.Path file;

    HadoopStore(Configuration hconf, String root) {
      try {
        this.dir = new org.apache.hadoop.fs.Path(root, FOLDER);
        this.file = new org.apache.hadoop.fs.Path(dir, HOLDER);
        this.fs = dir.getFileSystem(hconf != null ? hconf : new Configuration());
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot open the warehouse at " + root + ": " + e.getMessage(), e);
      }
    }

    @Override
    public Optional<Holder> tryTake(Holder me) throws IOException {
      fs.mkdirs(dir);
      Optional<Holder> previous = current();
      if (previous.isPresent()) {
        Holder p = previous.get();
        boolean live = "held".equals(p.state()) && !stale(p);
        if (live) {
          return null;
        }
        // Move the ended or stale record aside; of two takers only one rename succeeds.
        org.apache.hadoop.fs.Path aside = new org.apache.hadoop.fs.Path(dir, "ended-" + p.token() + ".json");
        if (!fs.rename(file, aside)) {
          return null;
        }
        fs.delete(aside, false);
      }
      try (OutputStream out = fs.create(file, false)) {
        out.write(toJson(me));
      } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
        return null;
      }
      return previous;
    }

    @Override
    public Optional<Holder> current() throws IOException {
      if (!fs.exists(file)) {
        return Optional.empty();
      }
      try (InputStream in = fs.open(file)) {
        return fromJson(in.readAllBytes());
      } catch (java.io.FileNotFoundException e) {
        return Optional.empty();
      }
    }

    @Override
    public Optional<Holder> liveHolder() throws IOException {
      return current().filter(h -> "held".equals(h.state()) && !stale(h));
    }

    @Override
    public void beat(Holder me) throws IOException {
      Optional<Holder> now = current();
      if (now.isEmpty() || !now.get().token().equals(me.token())) {
        return; // taken over: nothing of ours to refresh
      }
      try (OutputStream out = fs.create(file, true)) {
        out.write(toJson(me.with(Instant.now(), "held")));
      }
    }

    @Override
    public void release(Holder me, String state) throws IOException {
      Optional<Holder> now = current();
      if (now.isPresent() && now.get().token().equals(me.token())) {
        try (OutputStream out = fs.create(file, true)) {
          out.write(toJson(me.with(Instant.now(), state)));
        }
      }
    }
  }
}
