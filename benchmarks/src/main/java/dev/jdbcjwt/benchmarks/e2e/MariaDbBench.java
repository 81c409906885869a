package dev.jdbcjwt.benchmarks.e2e;

import dev.jdbcjwt.benchmarks.Settings;
import dev.jdbcjwt.benchmarks.report.Group;
import dev.jdbcjwt.benchmarks.report.Results;
import dev.jdbcjwt.benchmarks.report.Skip;
import dev.jdbcjwt.testing.mariadb.MariaDbServer;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * MariaDB where it applies: physical connects and {@code SELECT 1} through MariaDB Connector/J,
 * {@code jdbc:jwt:mariadb:} and the AWS wrapper (no plugins; its IAM plugin is measured on PostgreSQL only). The
 * server checks every token itself (auth_pam asking for mysql_clear_password over TLS, a PAM module validating the
 * JWT); a static {@code mysql_native_password} user over the same TLS is the reference.
 */
final class MariaDbBench {

  static final String TOKEN_USER = "bench_maria";
  static final String PASSWORD_USER = "bench_maria_pw";
  static final String STATIC_PASSWORD = "bench-maria-static-8e5b";

  private MariaDbBench() {
  }

  static void run(Settings settings, Results results, PostgresSetup pg) throws Exception {
    Idp idp = pg.idp();
    MariaDbServer server;
    try {
      server = MariaDbServer.start(pg.trustPolicy());
    } catch (RuntimeException e) {
      results.skipped.add(new Skip("MariaDB", "the MariaDB test server did not start: " + e.getMessage()));
      return;
    }
    List<Connections> open = new ArrayList<>();
    try {
      createUsers(server, results);
      Setup setup = Setup.of(server, idp);
      String awsProblem = connects(settings, results, idp, setup);
      selects(settings, results, setup, awsProblem, open);
    } finally {
      closeAll(open);
      server.close();
    }
  }

  /** The URLs and credentials each driver connects with. */
  private record Setup(String rawUrl, String jwtUrl, String awsUrl, Properties rawProps, Properties jwtProps) {

    static Setup of(MariaDbServer server, Idp idp) throws Exception {
      String rawUrl = "jdbc:" + server.mariadbConnectorUrl();
      String jwtUrl = EndToEnd.jwtUrl("jdbc:jwt:" + server.mariadbConnectorUrl(), idp, "mariadb", TOKEN_USER,
          EndToEnd.LONG_TTL, "");
      String awsUrl = AwsWrapper.url("jdbc:aws-wrapper:" + server.mariadbConnectorUrl(), false);
      String token = idp.token(TOKEN_USER, Duration.ofHours(2));
      Properties rawProps = EndToEnd.credentials(TOKEN_USER, token);
      Properties jwtProps = EndToEnd.jwtCredentials(TOKEN_USER);
      return new Setup(rawUrl, jwtUrl, awsUrl, rawProps, jwtProps);
    }
  }

  private static void createUsers(MariaDbServer server, Results results) throws SQLException {
    server.createTokenUser(TOKEN_USER);
    try (Connection c = server.adminConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE USER IF NOT EXISTS `" + PASSWORD_USER + "`@'%' IDENTIFIED BY '" + STATIC_PASSWORD + "'");
      s.execute("GRANT ALL PRIVILEGES ON `" + server.database() + "`.* TO `" + PASSWORD_USER + "`@'%'");
      try (ResultSet rs = s.executeQuery("SELECT VERSION()")) {
        rs.next();
        results.versions.put("mariadb", "MariaDB " + rs.getString(1));
      }
    }
  }

  /** Measures the physical connects; returns why the AWS wrapper could not connect, or null if it could. */
  private static String connects(Settings settings, Results results, Idp idp, Setup setup) throws Exception {
    List<Interleaved.Variant> connects = new ArrayList<>();
    connects.add(new Interleaved.Variant(Names.MARIADB_RAW, EndToEnd.connect(setup.rawUrl(), setup.rawProps())));
    connects.add(new Interleaved.Variant(Names.JWT, EndToEnd.connect(setup.jwtUrl(), setup.jwtProps())));
    String awsProblem = EndToEnd.probe(setup.awsUrl(), setup.rawProps());
    if (awsProblem == null) {
      connects.add(new Interleaved.Variant(Names.AWS, EndToEnd.connect(setup.awsUrl(), setup.rawProps())));
    } else {
      results.skipped.add(new Skip("MariaDB: " + Names.AWS, "it could not connect: " + awsProblem));
    }
    connects.add(new Interleaved.Variant(Names.MARIADB_PASSWORD, EndToEnd.connect(setup.rawUrl(),
        EndToEnd.credentials(PASSWORD_USER, STATIC_PASSWORD))));
    results.versions.put("mariadb-java-client", EndToEnd.driverVersion(setup.rawUrl(), setup.rawProps()));

    EndToEnd.log("MariaDB connects (" + connects.size() + " variants)");
    long[] warm = new long[1];
    Map<String, Interleaved.Samples> connectSamples = Interleaved.run(connects,
        Math.max(1, settings.connectWarmup() / 4), settings.rounds(), settings.mariaDbConnectsPerRound(),
        () -> warm[0] = idp.requests("mariadb"));
    results.facts.put("idpRequestsDuringMariaDbMeasurements", idp.requests("mariadb") - warm[0]);
    results.groups.add(new Group(Names.MARIADB_CONNECT, "MariaDB physical connect, token checked by the database",
        "Driver.connect() until it returns; TLS (sslMode=trust), auth_pam + a PAM module validating the JWT; the "
            + "raw drivers send the same kind of token as the password", Names.MARIADB_RAW));
    results.rows.addAll(Rows.of(Names.MARIADB_CONNECT, connectSamples, Names.MARIADB_RAW, Map.of(
        Names.MARIADB_PASSWORD, "a static password, for reference: no PAM, no token check")));
    return awsProblem;
  }

  private static void selects(Settings settings, Results results, Setup setup, String awsProblem,
      List<Connections> open) throws Exception {
    Connections.Unwrap toConnectorJ = Connections.unwrapTo(org.mariadb.jdbc.Connection.class);
    Connections jwt = new Connections(setup.jwtUrl(), setup.jwtProps());
    open.add(jwt);
    List<Interleaved.Variant> selects = new ArrayList<>();
    selects.add(new Interleaved.Variant(Names.MARIADB_RAW,
        EndToEnd.statement(jwt.view(toConnectorJ, 0), "SELECT 1")));
    selects.add(new Interleaved.Variant(Names.JWT,
        EndToEnd.statement(jwt.view(Connections.asIs(), 1), "SELECT 1")));
    if (awsProblem == null) {
      Connections aws = new Connections(setup.awsUrl(), setup.rawProps());
      open.add(aws);
      selects.add(new Interleaved.Variant(Names.MARIADB_RAW_UNDER_AWS,
          EndToEnd.statement(aws.view(toConnectorJ, 0), "SELECT 1")));
      selects.add(new Interleaved.Variant(Names.AWS,
          EndToEnd.statement(aws.view(Connections.asIs(), 1), "SELECT 1")));
    }
    EndToEnd.log("MariaDB SELECT 1 round trips");
    Map<String, Interleaved.Samples> selectSamples = Interleaved.run(selects, settings.statementWarmup(),
        settings.rounds(), settings.statementsPerRound(), () -> { }, round -> EndToEnd.renewAll(open));
    results.groups.add(new Group(Names.MARIADB_SELECT_1, "MariaDB SELECT 1 round trip",
        "prepareStatement, executeQuery, read, close; each wrapper is compared with the Connector/J connection it "
            + "wraps (the same server thread and TLS socket); " + Connections.PER_ROUND + " connections per driver "
            + "used in turn, new ones every round", Names.MARIADB_RAW));
    results.rows.addAll(Rows.of(Names.MARIADB_SELECT_1, selectSamples,
        Map.of(Names.AWS, Names.MARIADB_RAW_UNDER_AWS), Names.MARIADB_RAW,
        Map.of(Names.MARIADB_RAW, "unwrapped from the jdbc:jwt connections", Names.MARIADB_RAW_UNDER_AWS,
            "unwrapped from the AWS wrapper's connections: the AWS row's baseline")));
  }

  private static void closeAll(List<Connections> open) {
    for (Connections c : open) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // closing anyway
      }
    }
  }
}
