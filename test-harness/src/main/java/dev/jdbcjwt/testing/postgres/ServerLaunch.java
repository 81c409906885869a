package dev.jdbcjwt.testing.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * What every private PostgreSQL server of this package does the same way: launch the server process on a free
 * loopback port (again on another port when a process took it first), log in as the trusted admin, stop the server
 * when the JVM exits, and keep one shared instance per JVM with a failed start remembered.
 */
final class ServerLaunch {

  static final String HOST = "127.0.0.1";
  private static final int PORT_ATTEMPTS = 3;

  private ServerLaunch() {
  }

  /** A launched server process and the port it listens on. */
  record Launched(PostgresProcess process, int port) {
  }

  /**
   * Starts {@code binaries} on {@code dir} with {@code settings} at a free port and waits until the admin can log in;
   * throws with the server log tail when it does not come up (the process is stopped then).
   */
  static Launched onFreePort(ServerAccount account, PostgresBinaries binaries, DataDirectory dir,
      List<String> settings) {
    PostgresProcess process = null;
    try {
      for (int attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
        int port = freePort();
        process = PostgresProcess.launch(account, binaries, dir, port, settings);
        if (process.awaitReady(properties -> adminConnect(port, "postgres", properties))) {
          return new Launched(process, port);
        }
      }
      throw process.failure("no free port after " + PORT_ATTEMPTS + " attempts", null);
    } catch (RuntimeException e) {
      if (process != null) {
        process.stop();
      }
      throw e;
    }
  }

  /** A superuser connection (trust, no password, no TLS) to {@code database} of the server on {@code port}. */
  static Connection adminConnect(int port, String database, Properties extra) throws SQLException {
    Properties properties = new Properties();
    properties.putAll(extra);
    properties.setProperty("user", PostgresServer.ADMIN_USER);
    properties.setProperty("sslmode", "disable");
    Connection connection = new org.postgresql.Driver()
        .connect("jdbc:postgresql://" + HOST + ":" + port + "/" + database, properties);
    if (connection == null) {
      throw new SQLException("pgjdbc did not accept its own URL", "08001");
    }
    return connection;
  }

  /** A thread for {@link Runtime#addShutdownHook} that runs {@code stop}, named after the server. */
  static Thread stopOnExit(Runnable stop, String name) {
    Thread hook = new Thread(stop, name);
    Runtime.getRuntime().addShutdownHook(hook);
    return hook;
  }

  /** Removes {@code hook} (the server is closed before the JVM exits); while the JVM shuts down the hook runs anyway. */
  static void cancel(Thread hook) {
    if (hook == null) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs (or ran) the stop itself
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port on " + HOST, e);
    }
  }

  /** One server per JVM, started on first use; a failed start is remembered and rethrown, not retried. */
  static final class Shared<T> {

    private final String what;
    private final Supplier<T> start;
    private T instance;
    private RuntimeException failure;

    Shared(String what, Supplier<T> start) {
      this.what = what;
      this.start = start;
    }

    synchronized T get() {
      if (instance == null && failure == null) {
        try {
          instance = start.get();
        } catch (RuntimeException e) {
          failure = e;
        }
      }
      if (failure != null) {
        throw new IllegalStateException("the shared " + what + " did not start: " + failure.getMessage(), failure);
      }
      return instance;
    }
  }
}
