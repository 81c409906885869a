package dev.jdbcjwt.jdbc.internal;

import dev.jdbcjwt.token.cache.Timekeeper;
import dev.jdbcjwt.token.cache.TokenCacheRegistry;
import dev.jdbcjwt.token.cache.TokenCaches;
import dev.jdbcjwt.token.net.HostClassifier;

import java.sql.Driver;
import java.sql.SQLException;

/**
 * What a connect plan takes from the machine: how hosts are classified (loopback or not), how the vendor driver
 * is found, and where tokens and time come from. {@link #SYSTEM} is what the driver uses; tests give their own so that
 * a name counts as remote without any DNS query, the vendor driver can be observed, and a whole driver runs on a fake
 * clock (token caches, providers and connection expiry timers all take their time from {@link #caches}).
 *
 * @param hosts decides whether a host of the vendor URL is loopback
 * @param drivers finds the vendor driver for a URL
 * @param caches the token caches of this environment; their {@link TokenCacheRegistry#time() time} is the one clock,
 *     scheduler and executor of the driver
 */
public record ConnectEnvironment(HostClassifier hosts, DriverLookup drivers, TokenCacheRegistry caches) {

  /** The machine's resolver rules ({@link HostClassifier#system()}), {@code DriverManager} and {@link TokenCaches}. */
  public static final ConnectEnvironment SYSTEM = new ConnectEnvironment(HostClassifier.system(), VendorDrivers::find);

  /** An environment with the JVM-wide token caches ({@link TokenCaches}, system clock). */
  public ConnectEnvironment(HostClassifier hosts, DriverLookup drivers) {
    this(hosts, drivers, TokenCaches.registry());
  }

  /** The clock, scheduler and executor of this environment. */
  public Timekeeper time() {
    return caches.time();
  }

  /** Finds the vendor driver for a parsed URL. */
  @FunctionalInterface
  public interface DriverLookup {
    Driver find(JwtUrl url) throws SQLException;
  }
}
