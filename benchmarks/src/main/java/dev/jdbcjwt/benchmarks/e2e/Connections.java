package dev.jdbcjwt.benchmarks.e2e;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The open connections of one driver for statement round trips: a few at a time, used in turn, replaced by fresh ones
 * every round. A {@link #view} hands them out as they are (the wrapper being measured) or unwrapped to the vendor's
 * own connection underneath: the raw baseline then talks to the very same server process over the very same socket,
 * so the comparison holds only the wrapper's code. (Separate connections would not do: each is a server process of its
 * own, and where the OS schedules it moves a round trip by more than the 1% being measured.)
 */
final class Connections implements AutoCloseable {

  static final int PER_ROUND = 2;

  /** What a variant makes of an open connection: itself, or the vendor connection it wraps. */
  @FunctionalInterface
  interface Unwrap {
    Connection apply(Connection c) throws SQLException;
  }

  private final Driver driver;
  private final String url;
  private final Properties props;
  private final List<Connection> open = new ArrayList<>();

  Connections(String url, Properties props) throws SQLException {
    this.driver = DriverManager.getDriver(url);
    this.url = url;
    this.props = props;
  }

  /** Closes the current connections and opens {@link #PER_ROUND} new ones. */
  void renew() throws SQLException {
    close();
    for (int i = 0; i < PER_ROUND; i++) {
      Properties copy = new Properties();
      copy.putAll(props);
      open.add(driver.connect(url, copy));
    }
  }

  /**
   * The connections in turn, each passed through {@code unwrap}; every view keeps its own turn, starting at
   * {@code first}. Two views of the same connections starting one apart never use the same connection in the same
   * turn, so neither finds it warm from the other.
   */
  Source view(Unwrap unwrap, int first) {
    int[] turn = {first};
    return () -> unwrap.apply(open.get(turn[0]++ % open.size()));
  }

  /** The connection for the next operation. */
  @FunctionalInterface
  interface Source {
    Connection next() throws SQLException;
  }

  /** The vendor's connection under a wrapper, e.g. {@code unwrapTo(PGConnection.class)}. */
  static Unwrap unwrapTo(Class<?> vendorInterface) {
    return c -> (Connection) c.unwrap(vendorInterface);
  }

  static Unwrap asIs() {
    return c -> c;
  }

  @Override
  public void close() throws SQLException {
    for (Connection c : open) {
      c.close();
    }
    open.clear();
  }
}
