package dev.jdbcjwt.jdbc.internal;

import dev.jdbcjwt.token.net.HostClassifier;

import java.sql.Driver;
import java.sql.SQLException;

/**
 * What a connect plan takes from the machine: how hosts are classified (loopback or not) and how the vendor driver
 * is found. {@link #SYSTEM} is what the driver uses; tests give their own so that a name counts as remote without
 * any DNS query and the vendor driver can be observed.
 *
 * @param hosts decides whether a host of the vendor URL is loopback
 * @param drivers finds the vendor driver for a URL
 */
public record ConnectEnvironment(HostClassifier hosts, DriverLookup drivers) {

  /** The machine's resolver rules ({@link HostClassifier#system()}) and {@code DriverManager}. */
  public static final ConnectEnvironment SYSTEM = new ConnectEnvironment(HostClassifier.system(), VendorDrivers::find);

  /** Finds the vendor driver for a parsed URL. */
  @FunctionalInterface
  public interface DriverLookup {
    Driver find(JwtUrl url) throws SQLException;
  }
}
