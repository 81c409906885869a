package dev.jdbcjwt.benchmarks.e2e;

import dev.jdbcjwt.jdbc.internal.ConnectPlan;
import dev.jdbcjwt.jdbc.internal.ConnectionRequest;
import dev.jdbcjwt.jdbc.internal.CredentialInjector;
import dev.jdbcjwt.jdbc.internal.JwtConnection;
import dev.jdbcjwt.jdbc.internal.VendorDrivers;
import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.cache.SharedScheduler;
import dev.jdbcjwt.token.cache.TokenCache;
import dev.jdbcjwt.token.cache.TokenCaches;
import dev.jdbcjwt.token.config.JwtOption;
import dev.jdbcjwt.token.config.OnExpiry;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * What {@code JwtDriver.connect} does, step by step, to time its parts where they really run: between real connects,
 * whose I/O, context switches and database processes leave the CPU's caches cold for the driver's code (the
 * microbenchmarks, in a hot loop, see a fraction of it). {@link #byHand} mirrors {@code JwtDriver.connect} and
 * {@code open} (jdbc-jwt-driver, {@code JwtDriver.java}) as they are; {@link #uncached} does what they did before
 * plans were kept ({@code ConnectPlan}): parse the request and look up the vendor driver on every connect.
 */
final class JwtSteps {

  final LongList planLookup = new LongList();
  final LongList tokenAndProperties = new LongList();
  final LongList parse = new LongList();
  final LongList findDriver = new LongList();
  final LongList uncachedTokenAndProperties = new LongList();

  /** The steps of {@code JwtDriver.connect} by hand, each timed; returns the whole connect. */
  Interleaved.TimedOp byHand(String url, Properties props) {
    return () -> {
      Properties info = new Properties();
      info.putAll(props);
      long start = System.nanoTime();
      ConnectPlan plan = ConnectPlan.of(url, info);
      long planned = System.nanoTime();
      Token token = plan.tokens().fetch();
      Properties vendorProps = plan.injector().inject(token, plan.request().vendorProperties());
      long prepared = System.nanoTime();
      Connection c = wrap(plan.vendor().connect(plan.request().url().vendorUrl(), vendorProps), token,
          plan.clockSkew(), plan.onExpiry());
      long elapsed = System.nanoTime() - start;
      c.close();
      planLookup.add(planned - start);
      tokenAndProperties.add(prepared - planned);
      return elapsed;
    };
  }

  /** As {@code JwtDriver.connect} was before plans were kept: parsing and the driver lookup on every connect. */
  Interleaved.TimedOp uncached(String url, Properties props) {
    return () -> {
      Properties info = new Properties();
      info.putAll(props);
      long start = System.nanoTime();
      ConnectionRequest request = ConnectionRequest.parse(url, info);
      long parsed = System.nanoTime();
      Driver vendor = VendorDrivers.find(request.url());
      long found = System.nanoTime();
      TokenCache tokens = TokenCaches.forConfig(request.tokenConfig());
      CredentialInjector injector = new CredentialInjector(request.tokenConfig());
      Token token = tokens.fetch();
      Properties vendorProps = injector.inject(token, request.vendorProperties());
      long prepared = System.nanoTime();
      Connection c = wrap(vendor.connect(request.url().vendorUrl(), vendorProps), token,
          request.tokenConfig().duration(JwtOption.CLOCK_SKEW).orElseThrow(),
          request.tokenConfig().choice(JwtOption.ON_EXPIRY, OnExpiry.class).orElseThrow());
      long elapsed = System.nanoTime() - start;
      c.close();
      parse.add(parsed - start);
      findDriver.add(found - parsed);
      uncachedTokenAndProperties.add(prepared - found);
      return elapsed;
    };
  }

  private static Connection wrap(Connection vendor, Token token, Duration skew, OnExpiry onExpiry)
      throws SQLException {
    if (vendor == null) {
      throw new SQLException("the vendor driver did not accept the URL");
    }
    return new JwtConnection(vendor, token, skew, onExpiry, Clock.systemUTC(), SharedScheduler.scheduler(),
        SharedScheduler.executor());
  }

  /** Medians in microseconds, for the report. */
  Map<String, Object> medians() {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("planLookup", micros(planLookup));
    m.put("tokenCacheAndProperties", micros(tokenAndProperties));
    m.put("beforePlans.parseRequest", micros(parse));
    m.put("beforePlans.findVendorDriver", micros(findDriver));
    m.put("beforePlans.tokenCacheAndProperties", micros(uncachedTokenAndProperties));
    return m;
  }

  private static double micros(LongList l) {
    return Math.round(Stats.median(l.sorted()) / 100.0) / 10.0;
  }
}
