package dev.jdbcjwt.benchmarks.e2e;

import dev.jdbcjwt.benchmarks.Settings;
import dev.jdbcjwt.benchmarks.report.Group;
import dev.jdbcjwt.benchmarks.report.Results;
import dev.jdbcjwt.testing.TestIssuer;
import dev.jdbcjwt.testing.postgres.OAuthPostgresServer;

import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * PostgreSQL 18 with its native {@code oauth} method: physical connects through jdbc:jwt's OAUTHBEARER interposer
 * against raw pgjdbc with a SCRAM password and with {@code trust} on the same server, and SELECT 1 round trips on
 * the OAUTHBEARER connections against the pgjdbc connections they wrap. Plain TCP on 127.0.0.1 for every variant (no
 * TLS handshake in any of them). The server and its validator bridge run in this JVM (one thread, idle between
 * logins).
 */
final class Postgres18Bench {

  static final String CONNECT = "pg18-connect";
  static final String SELECT_1 = "pg18-select-1";
  static final String OAUTH = "jdbc:jwt, OAUTHBEARER (warm)";
  static final String SCRAM = "pgjdbc, SCRAM password";
  static final String TRUST = "pgjdbc, trust";

  private Postgres18Bench() {
  }

  static void run(Settings settings, Results results) throws Exception {
    EndToEnd.log("starting PostgreSQL 18 (oauth)");
    try (OAuthPostgresServer server = OAuthPostgresServer.start(TestIssuer.shared().trustPolicy())) {
      String user = "bench_oauth";
      server.createTokenUser(user);
      String raw = "jdbc:" + server.plainVendorUrl();
      String jwt = "jdbc:jwt:" + server.plainVendorUrl();
      Properties oauth = signed(user);
      results.versions.put("postgresql18", "PostgreSQL 18.1 (io.zonky.test.postgres binaries)");
      connects(settings, results, raw, jwt, oauth, user);
      statements(settings, results, raw, jwt, oauth);
    }
  }

  private static void connects(Settings settings, Results results, String raw, String jwt, Properties oauth,
      String user) throws Exception {
    List<Interleaved.Variant> connects = List.of(
        new Interleaved.Variant(SCRAM, EndToEnd.connect(raw, EndToEnd.credentials(OAuthPostgresServer.SCRAM_USER,
            OAuthPostgresServer.SCRAM_PASSWORD))),
        new Interleaved.Variant(OAUTH, EndToEnd.connect(jwt, oauth)),
        new Interleaved.Variant(TRUST, EndToEnd.connect(raw, EndToEnd.credentials(OAuthPostgresServer.TRUST_USER,
            null))));
    EndToEnd.log("PostgreSQL 18 connects (" + connects.size() + " variants)");
    Map<String, Interleaved.Samples> connectSamples = Interleaved.run(connects, settings.connectWarmup(),
        settings.rounds(), settings.connectsPerRound());
    results.groups.add(new Group(CONNECT, "PostgreSQL 18 physical connect, native oauth",
        "Driver.connect() until it returns (close not timed), plain TCP to 127.0.0.1; " + OAUTH + ": role " + user
            + " by pg_hba oauth (SASL OAUTHBEARER, the test validator module asking the JVM's JWT validator over a "
            + "Unix socket); the others: roles by scram-sha-256 and by trust on the same server", SCRAM));
    results.rows.addAll(Rows.of(CONNECT, connectSamples, SCRAM, Map.of(
        OAUTH, "signed provider, token cached; the interposer answers the server's OAUTHBEARER request",
        TRUST, "no credential checked: the floor")));
  }

  private static void statements(Settings settings, Results results, String raw, String jwt, Properties oauth)
      throws Exception {
    Connections connections = new Connections(jwt, oauth);
    Connections plain = new Connections(raw, EndToEnd.credentials(OAuthPostgresServer.SCRAM_USER,
        OAuthPostgresServer.SCRAM_PASSWORD));
    try {
      Connections.Unwrap toPgjdbc = Connections.unwrapTo(org.postgresql.PGConnection.class);
      List<Interleaved.Variant> statements = List.of(
          new Interleaved.Variant(Names.RAW, EndToEnd.statement(connections.view(toPgjdbc, 0), "SELECT 1")),
          new Interleaved.Variant(OAUTH, EndToEnd.statement(connections.view(Connections.asIs(), 1), "SELECT 1")),
          new Interleaved.Variant(SCRAM, EndToEnd.statement(plain.view(Connections.asIs(), 0), "SELECT 1")));
      EndToEnd.log("PostgreSQL 18 SELECT 1 round trips");
      Map<String, Interleaved.Samples> samples = Interleaved.run(statements, settings.statementWarmup(),
          settings.rounds(), settings.statementsPerRound(), () -> { }, round -> {
            connections.renew();
            plain.renew();
          });
      results.groups.add(new Group(SELECT_1, "PostgreSQL 18 SELECT 1 round trip on OAUTHBEARER connections",
          "prepareStatement, executeQuery, read, close; the jdbc:jwt connection against the pgjdbc connection it "
              + "wraps (unwrap(PGConnection.class)): after authentication the interposer passes every byte",
          Names.RAW));
      results.rows.addAll(Rows.of(SELECT_1, samples, Map.of(SCRAM, OAUTH), Names.RAW, Map.of(
          Names.RAW, "unwrapped from the jdbc:jwt connections (the interposer still under their socket streams)",
          SCRAM, "raw pgjdbc's own connections (no interposer at all); its ratio is this row over the jdbc:jwt row: "
              + "other connections and server processes, so this ratio carries their noise")));
    } finally {
      connections.close();
      plain.close();
    }
  }

  private static Properties signed(String user) {
    TestIssuer issuer = TestIssuer.shared();
    Properties p = EndToEnd.credentials(user, null);
    p.setProperty("jwt.provider", "signed");
    p.setProperty("jwt.signingKey", issuer.privateKeyPem());
    p.setProperty("jwt.keyId", issuer.keyId());
    p.setProperty("jwt.issuer", issuer.issuer());
    p.setProperty("jwt.audience", issuer.audience());
    p.setProperty("jwt.ttl", "15m");
    return p;
  }
}
