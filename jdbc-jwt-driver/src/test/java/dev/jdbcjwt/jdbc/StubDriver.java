package dev.jdbcjwt.jdbc;

import dev.jdbcjwt.testing.StubVendorDriverBase;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;

/** A vendor driver for {@code jdbc:stub:} URLs that records what it was given and refuses what it is told to. */
public final class StubDriver extends StubVendorDriverBase {

  public record Call(String url, Properties properties) {
  }

  public static final StubDriver INSTANCE = new StubDriver();

  private StubDriver() {
    super("stub");
  }

  static {
    try {
      DriverManager.registerDriver(INSTANCE);
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final List<Call> calls = new ArrayList<>();
  private volatile Predicate<Properties> refuse = p -> false;
  private volatile String refusalState = "28P01";
  private volatile int refusalCode = 0;

  public static StubDriver reset() {
    synchronized (INSTANCE.calls) {
      INSTANCE.calls.clear();
    }
    INSTANCE.refuse = p -> false;
    INSTANCE.refusalState = "28P01";
    INSTANCE.refusalCode = 0;
    return INSTANCE;
  }

  public StubDriver refuseWhen(Predicate<Properties> refuse, String sqlState, int vendorCode) {
    this.refuse = refuse;
    this.refusalState = sqlState;
    this.refusalCode = vendorCode;
    return this;
  }

  public List<Call> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  public Call lastCall() {
    List<Call> c = calls();
    return c.get(c.size() - 1);
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    Properties copy = new Properties();
    copy.putAll(info);
    synchronized (calls) {
      calls.add(new Call(url, copy));
    }
    if (refuse.test(copy)) {
      throw new SQLException("password authentication failed for user \"" + info.getProperty("user") + "\"",
          refusalState, refusalCode);
    }
    return (Connection) Proxy.newProxyInstance(StubDriver.class.getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "isClosed", "isReadOnly" -> false;
          case "isValid" -> true;
          case "toString" -> "StubConnection";
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          case "getAutoCommit" -> true;
          case "getTransactionIsolation" -> Connection.TRANSACTION_READ_COMMITTED;
          default -> zeroOf(method.getReturnType()); // e.g. for a pool's getNetworkTimeout()
        });
  }

  private static Object zeroOf(Class<?> type) {
    if (type == boolean.class) {
      return false;
    }
    if (type == int.class) {
      return 0;
    }
    if (type == long.class) {
      return 0L;
    }
    return null;
  }

  @Override
  public boolean acceptsURL(String url) {
    return url != null && url.startsWith("jdbc:stub:");
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    DriverPropertyInfo p = new DriverPropertyInfo("stubOption", info.getProperty("stubOption"));
    p.description = "an option of the stub driver";
    return new DriverPropertyInfo[] {p};
  }
}
