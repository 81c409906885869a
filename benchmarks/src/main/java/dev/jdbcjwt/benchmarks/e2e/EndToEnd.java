package dev.jdbcjwt.benchmarks.e2e;

import dev.jdbcjwt.benchmarks.Settings;
import dev.jdbcjwt.benchmarks.report.Group;
import dev.jdbcjwt.benchmarks.report.Results;
import dev.jdbcjwt.benchmarks.report.Skip;
import dev.jdbcjwt.jdbc.internal.TokenCacheLookup;
import dev.jdbcjwt.token.cache.TokenCache;
import dev.jdbcjwt.token.cache.TokenCaches;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static dev.jdbcjwt.benchmarks.e2e.Names.AWS;
import static dev.jdbcjwt.benchmarks.e2e.Names.AWS_IAM;
import static dev.jdbcjwt.benchmarks.e2e.Names.JWT;
import static dev.jdbcjwt.benchmarks.e2e.Names.PG_CONNECT_TOKEN;
import static dev.jdbcjwt.benchmarks.e2e.Names.PG_CONNECT_TRUST;
import static dev.jdbcjwt.benchmarks.e2e.Names.PG_SELECT_1;
import static dev.jdbcjwt.benchmarks.e2e.Names.PG_SELECT_100;
import static dev.jdbcjwt.benchmarks.e2e.Names.RAW;
import static dev.jdbcjwt.benchmarks.e2e.Names.RAW_UNDER_AWS;
import static dev.jdbcjwt.benchmarks.e2e.Names.SCRAM;

/**
 * The end-to-end comparison against the real PostgreSQL (and MariaDB) of the test harness: physical connects and
 * statement round trips through pgjdbc, {@code jdbc:jwt:} and the AWS Advanced JDBC Wrapper, interleaved; then
 * HikariCP borrow latency ({@link HikariBorrow}) and identity-provider requests under a connection burst
 * ({@link IdpBurst}).
 */
public final class EndToEnd {

  static final Duration LONG_TTL = Duration.ofMinutes(15);
  static final String SELECT_100 = "SELECT g, 'row-' || g FROM generate_series(1, 100) AS g";

  private final Settings settings;
  private final Results results;
  private final List<AutoCloseable> toClose = new ArrayList<>();
  private PostgresSetup pg;
  private Idp idp;
  /** A token for the raw drivers' password: minted once, valid for the whole run. */
  private String staticToken;
  /** Why the AWS wrapper's IAM plugin cannot connect here, or null. */
  private String iamProblem;
  private static volatile long sink;

  private EndToEnd(Settings settings, Results results) {
    this.settings = settings;
    this.results = results;
  }

  public static void run(Settings settings, Results results) throws Exception {
    new EndToEnd(settings, results).runAll();
  }

  private void runAll() throws Exception {
    AwsWrapper.prepare();
    try {
      log("starting PostgreSQL and the identity provider (in a JVM of their own)");
      pg = PostgresSetup.start();
      idp = pg.idp();
      staticToken = idp.token(PostgresSetup.TOKEN_USER, Duration.ofHours(2));
      recordVersions();
      iamProblem = probe(AwsWrapper.url(pg.url("aws-wrapper"), true), credentials(PostgresSetup.TRUST_USER, null));
      if (iamProblem != null) {
        results.skipped.add(new Skip(AWS_IAM, "it could not connect to the local server: " + iamProblem));
      }
      runSelected();
    } finally {
      closeAll();
    }
  }

  private void recordVersions() {
    results.versions.put("database", pg.version());
    results.versions.put("pgjdbc", driverVersion(pg.jdbcUrl(), credentials(PostgresSetup.TRUST_USER, null)));
    results.versions.put("aws-advanced-jdbc-wrapper", driverVersion(AwsWrapper.url(pg.url("aws-wrapper"), false),
        credentials(PostgresSetup.TRUST_USER, null)));
    results.versions.put("HikariCP", mavenVersion(com.zaxxer.hikari.HikariConfig.class, "com.zaxxer", "HikariCP"));
    results.versions.put("jdbc-jwt-driver", mavenVersion(dev.jdbcjwt.jdbc.JwtDriver.class, "dev.jdbcjwt",
        "jdbc-jwt-driver"));
  }

  /** The parts of the comparison the settings ask for, in order. */
  private void runSelected() throws Exception {
    if (settings.runs("pg-connect")) {
      postgresConnects();
    }
    if (settings.runs("pg-statements")) {
      postgresStatements();
    }
    if (settings.runs("mariadb") && settings.runMariaDb()) {
      MariaDbBench.run(settings, results, pg);
    } else if (settings.runs("mariadb")) {
      results.skipped.add(new Skip("MariaDB", "skip-mariadb was given"));
    }
    if (settings.runs("hikari")) {
      HikariBorrow.run(settings, results, pg, idp);
    }
    if (settings.runs("idp")) {
      IdpBurst.run(settings, results, pg, idp);
    }
    if (settings.runs("churn")) {
      ChurnBench.run(settings, results, pg);
    }
    if (settings.runs("pg18")) {
      Postgres18Bench.run(settings, results);
    }
  }

  private void closeAll() {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      try {
        toClose.get(i).close();
      } catch (Exception ignored) {
        // best effort
      }
    }
    TokenCaches.clear();
    if (pg != null) {
      pg.close();
    }
  }

  // ---- physical connects ----

  private void postgresConnects() throws Exception {
    String tokenUrl = jwtUrl(pg.url("jwt"), "connect", PostgresSetup.TOKEN_USER, LONG_TTL, "");
    String trustUrl = jwtUrl(pg.url("jwt"), "connect-trust", PostgresSetup.TRUST_USER, LONG_TTL, "");
    List<Interleaved.Variant> token = tokenConnects(tokenUrl);
    JwtSteps steps = new JwtSteps();
    List<Interleaved.Variant> trust = trustConnects(trustUrl, steps);

    // the warm-up (JIT, token caches, the AWS wrapper's dialect and host caches) is part of Interleaved.run
    log("PostgreSQL connects, token checked by the database (" + token.size() + " variants)");
    long[] warm = new long[2];
    Map<String, Interleaved.Samples> tokenSamples = Interleaved.run(token, settings.connectWarmup(),
        settings.rounds(), settings.connectsPerRound(), () -> warm[0] = idp.requests("connect"));
    long tokenRequests = idp.requests("connect") - warm[0];
    log("PostgreSQL connects, trust role (" + trust.size() + " variants)");
    Map<String, Interleaved.Samples> trustSamples = Interleaved.run(trust, settings.connectWarmup(),
        settings.rounds(), settings.connectsPerRound(), () -> warm[1] = idp.requests("connect-trust"));
    long trustRequests = idp.requests("connect-trust") - warm[1];
    results.facts.put("idpRequestsDuringConnectWarmUp", warm[0] + warm[1]);
    results.facts.put("idpRequestsDuringConnectMeasurements", tokenRequests + trustRequests);
    results.facts.put("jwtConnectsMeasured", (long) settings.rounds() * settings.connectsPerRound() * 2);
    results.facts.put("jwtConnectStepsMedianMicros", steps.medians());
    addConnectRows(tokenSamples, trustSamples);
  }

  /** The connects of the token role: the server checks the token (or, for reference, a SCRAM password). */
  private List<Interleaved.Variant> tokenConnects(String tokenUrl) throws SQLException {
    List<Interleaved.Variant> token = new ArrayList<>();
    token.add(new Interleaved.Variant(RAW, connect(pg.jdbcUrl(), credentials(PostgresSetup.TOKEN_USER, staticToken))));
    token.add(new Interleaved.Variant(JWT, connect(tokenUrl, jwtCredentials(PostgresSetup.TOKEN_USER))));
    token.add(new Interleaved.Variant(AWS, connect(AwsWrapper.url(pg.url("aws-wrapper"), false),
        credentials(PostgresSetup.TOKEN_USER, staticToken))));
    token.add(new Interleaved.Variant(SCRAM, connect(pg.jdbcUrl(),
        credentials(PostgresSetup.SCRAM_USER, PostgresSetup.SCRAM_PASSWORD))));
    return token;
  }

  /** The connects of the trust role: only the drivers' own work differs. */
  private List<Interleaved.Variant> trustConnects(String trustUrl, JwtSteps steps) throws SQLException {
    List<Interleaved.Variant> trust = new ArrayList<>();
    trust.add(new Interleaved.Variant(RAW, connect(pg.jdbcUrl(), credentials(PostgresSetup.TRUST_USER, null))));
    trust.add(new Interleaved.Variant(JWT, connect(trustUrl, jwtCredentials(PostgresSetup.TRUST_USER))));
    trust.add(new Interleaved.Variant(AWS, connect(AwsWrapper.url(pg.url("aws-wrapper"), false),
        credentials(PostgresSetup.TRUST_USER, null))));
    trust.add(new Interleaved.Variant(Names.RAW_AGAIN, connect(pg.jdbcUrl(),
        credentials(PostgresSetup.TRUST_USER, null))));
    trust.add(new Interleaved.Variant(Names.JWT_BY_HAND, steps.byHand(trustUrl,
        jwtCredentials(PostgresSetup.TRUST_USER))));
    trust.add(new Interleaved.Variant(Names.JWT_UNCACHED, steps.uncached(trustUrl,
        jwtCredentials(PostgresSetup.TRUST_USER))));
    if (iamProblem == null) {
      trust.add(new Interleaved.Variant(AWS_IAM, connect(AwsWrapper.url(pg.url("aws-wrapper"), true),
          credentials(PostgresSetup.TRUST_USER, null))));
    }
    return trust;
  }

  private void addConnectRows(Map<String, Interleaved.Samples> tokenSamples,
      Map<String, Interleaved.Samples> trustSamples) {
    results.groups.add(new Group(PG_CONNECT_TOKEN, "PostgreSQL physical connect, token checked by the database",
        "Driver.connect() until it returns (close not timed); user " + PostgresSetup.TOKEN_USER
            + ", pg_hba ldap → JWT validation; the raw drivers send the same kind of token as the password",
        RAW));
    results.rows.addAll(Rows.of(PG_CONNECT_TOKEN, tokenSamples, RAW, Map.of(
        JWT, "client-credentials provider, token cached",
        SCRAM, "a static password, for reference: server-side SCRAM instead of the token check")));
    results.groups.add(new Group(PG_CONNECT_TRUST, "PostgreSQL physical connect, trust role (client-side work only)",
        "Driver.connect() until it returns; user " + PostgresSetup.TRUST_USER
            + " logs in by trust, so the server checks no credential and only the drivers' own work differs",
        RAW));
    results.rows.addAll(Rows.of(PG_CONNECT_TRUST, trustSamples, RAW, Map.of(
        Names.RAW_AGAIN, "the same as the first row: how far apart two identical variants land (noise)",
        Names.JWT_BY_HAND, "JwtDriver.connect's steps written out, to time them in place (jwtConnectStepsMedianMicros)",
        Names.JWT_UNCACHED, "as JwtDriver.connect was before ConnectPlan: the request parsed and the vendor driver "
            + "looked up on every connect",
        AWS_IAM, "SigV4 token signed locally (iamHost=127.0.0.1, iamRegion, fake credentials), then cached; the "
            + "server does not check it (no RDS here)")));
  }

  static Interleaved.TimedOp connect(String url, Properties props) throws SQLException {
    Driver driver = DriverManager.getDriver(url);
    return () -> {
      Properties copy = new Properties();
      copy.putAll(props);
      long start = System.nanoTime();
      Connection c = driver.connect(url, copy);
      long elapsed = System.nanoTime() - start;
      c.close();
      return elapsed;
    };
  }

  /** Null if one connection works, else why not. */
  static String probe(String url, Properties props) {
    try (Connection c = DriverManager.getDriver(url).connect(url, props)) {
      return c == null ? "the driver did not accept the URL" : null;
    } catch (SQLException | RuntimeException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }

  static String driverVersion(String url, Properties props) {
    try (Connection c = DriverManager.getDriver(url).connect(url, props)) {
      return c.getMetaData().getDriverName() + " " + c.getMetaData().getDriverVersion();
    } catch (SQLException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  /** The version in a jar's {@code META-INF/maven/<group>/<artifact>/pom.properties}. */
  static String mavenVersion(Class<?> inJar, String group, String artifact) {
    try (java.io.InputStream in = inJar.getResourceAsStream("/META-INF/maven/" + group + "/" + artifact
        + "/pom.properties")) {
      if (in == null) {
        return "unknown (classes not from a jar)";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  // ---- statement round trips ----

  private void postgresStatements() throws Exception {
    Connections jwt = new Connections(jwtUrl(pg.url("jwt"), "connect", PostgresSetup.TOKEN_USER, LONG_TTL, ""),
        jwtCredentials(PostgresSetup.TOKEN_USER));
    Connections aws = new Connections(AwsWrapper.url(pg.url("aws-wrapper"), false),
        credentials(PostgresSetup.TOKEN_USER, staticToken));
    List<Connections> all = List.of(jwt, aws);
    toClose.addAll(all);
    Connections.Unwrap toPgjdbc = Connections.unwrapTo(org.postgresql.PGConnection.class);
    long requestsBefore = idp.requests("connect");
    for (boolean hundred : new boolean[] {false, true}) {
      String sql = hundred ? SELECT_100 : "SELECT 1";
      List<Interleaved.Variant> variants = List.of(
          new Interleaved.Variant(RAW, statement(jwt.view(toPgjdbc, 0), sql)),
          new Interleaved.Variant(JWT, statement(jwt.view(Connections.asIs(), 1), sql)),
          new Interleaved.Variant(RAW_UNDER_AWS, statement(aws.view(toPgjdbc, 0), sql)),
          new Interleaved.Variant(AWS, statement(aws.view(Connections.asIs(), 1), sql)));
      String group = hundred ? PG_SELECT_100 : PG_SELECT_1;
      log("PostgreSQL " + (hundred ? "100-row SELECT" : "SELECT 1") + " round trips");
      Map<String, Interleaved.Samples> samples = Interleaved.run(variants, settings.statementWarmup(),
          settings.rounds(), settings.statementsPerRound(), () -> { }, round -> renewAll(all));
      results.groups.add(new Group(group, hundred ? "PostgreSQL 100-row SELECT round trip"
          : "PostgreSQL SELECT 1 round trip", "prepareStatement, executeQuery, read every row and column, close; "
          + "each wrapper is compared with the pgjdbc connection it wraps (unwrap(PGConnection.class): the same server "
          + "process and socket); " + Connections.PER_ROUND + " connections per driver used in turn, new ones every "
          + "round: " + sql, RAW));
      results.rows.addAll(Rows.of(group, samples, Map.of(AWS, RAW_UNDER_AWS), RAW, Map.of(
          RAW, "unwrapped from the jdbc:jwt connections",
          RAW_UNDER_AWS, "unwrapped from the AWS wrapper's connections: the AWS row's baseline; its ratio to the first "
              + "row is how much two sets of connections differ (noise)",
          AWS, "its IAM plugin acts on connect only, so its statements are these")));
    }
    results.facts.put("idpRequestsDuringStatements", idp.requests("connect") - requestsBefore);
  }

  static void renewAll(Iterable<Connections> all) throws SQLException {
    for (Connections c : all) {
      c.renew();
    }
  }

  static Interleaved.TimedOp statement(Connections.Source connections, String sql) {
    return () -> {
      Connection c = connections.next();
      long start = System.nanoTime();
      long sum = 0;
      try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          sum += rs.getInt(1);
          if (columns > 1) {
            sum += rs.getString(2).length();
          }
        }
      }
      long elapsed = System.nanoTime() - start;
      sink += sum;
      return elapsed;
    };
  }

  // ---- URLs and credentials ----

  /**
   * A {@code jdbc:jwt:} URL with the client-credentials provider against the scenario's endpoint of the IdP;
   * {@code base} is {@code jdbc:jwt:<vendor>…?…}.
   */
  static String jwtUrl(String base, Idp idp, String scenario, String subject, Duration ttl, String extra) {
    // the benchmark's URLs are its own configuration, and carry the provider's options: declare them trusted (an
    // application would rather pass these options as Properties; the connect path is the same once planned)
    dev.jdbcjwt.jdbc.JwtDriver.trustUrls(true);
    return base + "&jwt.provider=client-credentials&jwt.tokenEndpoint=" + idp.endpoint(scenario, subject, ttl)
        + "&jwt.clientId=" + MintingIdp.CLIENT_ID + extra;
  }

  private String jwtUrl(String base, String scenario, String subject, Duration ttl, String extra) {
    return jwtUrl(base, idp, scenario, subject, ttl, extra);
  }

  static Properties credentials(String user, String password) {
    Properties p = new Properties();
    p.setProperty("user", user);
    if (password != null) {
      p.setProperty("password", password);
    }
    return p;
  }

  /** The user, and the client secret in {@code Properties} (not in the URL), as an application would. */
  static Properties jwtCredentials(String user) {
    Properties p = credentials(user, null);
    p.setProperty("jwt.clientSecret", MintingIdp.CLIENT_SECRET);
    return p;
  }

  static TokenCache cacheOf(String url, Properties props) throws SQLException {
    return TokenCacheLookup.forUrl(url, props);
  }

  static void log(String message) {
    System.out.printf("[benchmarks %tT] %s%n", System.currentTimeMillis(), message);
  }
}
