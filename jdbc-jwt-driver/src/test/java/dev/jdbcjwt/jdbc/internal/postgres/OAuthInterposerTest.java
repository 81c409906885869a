package dev.jdbcjwt.jdbc.internal.postgres;

import static dev.jdbcjwt.jdbc.internal.postgres.ScriptedPostgres.auth;
import static dev.jdbcjwt.jdbc.internal.postgres.ScriptedPostgres.authOk;
import static dev.jdbcjwt.jdbc.internal.postgres.ScriptedPostgres.authSasl;
import static dev.jdbcjwt.jdbc.internal.postgres.ScriptedPostgres.bearerToken;
import static dev.jdbcjwt.jdbc.internal.postgres.ScriptedPostgres.error;
import static dev.jdbcjwt.jdbc.internal.postgres.ScriptedPostgres.message;
import static dev.jdbcjwt.jdbc.internal.postgres.ScriptedPostgres.ready;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jdbcjwt.testing.TestIssuer;
import dev.jdbcjwt.testing.leaks.LeakWatch;
import dev.jdbcjwt.token.cache.TokenCaches;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/** The OAUTHBEARER interposer between the real pgjdbc and a scripted server on 127.0.0.1. */
class OAuthInterposerTest {

  private final String token = TestIssuer.shared().mint("app");
  private final List<String> received = new CopyOnWriteArrayList<>();

  @BeforeEach
  void freshCaches() {
    TokenCaches.clear();
  }

  private Properties props(String mode) {
    Properties p = new Properties();
    p.setProperty("user", "app");
    p.setProperty("jwt.provider", "static");
    p.setProperty("jwt.token", token);
    if (mode != null) {
      p.setProperty("jwt.postgresOAuth", mode);
    }
    return p;
  }

  /** The server offers OAUTHBEARER, checks the token, lets the client in and records what followed. */
  private ScriptedPostgres.Script acceptingBearer(boolean split, String... mechanisms) {
    return s -> {
      if (split) {
        s.sendSplit(authSasl(mechanisms));
      } else {
        s.send(authSasl(mechanisms));
      }
      received.add(bearerToken(s.expect('p')));
      if (split) {
        s.sendSplit(authOk(), ready());
      } else {
        s.send(authOk(), ready()); // coalesced: AuthenticationOk and everything after it in one write
      }
      received.add("after:" + s.drain());
    };
  }

  private void connectAndClose(ScriptedPostgres server, Properties props) throws SQLException {
    try (Connection c = DriverManager.getConnection(server.url(), props)) {
      assertThat(c.isClosed()).isFalse();
    }
  }

  @Test
  void answersOauthBearerWithTheToken() throws Exception {
    try (ScriptedPostgres server = new ScriptedPostgres(acceptingBearer(false, "OAUTHBEARER"))) {
      connectAndClose(server, props(null));
      awaitReceived(2);
      assertThat(received.get(0)).isEqualTo(token);
      assertThat(received.get(1)).isEqualTo("after:X"); // pgjdbc saw AuthenticationOk and went on normally
      assertThat(server.failures).isEmpty();
    }
    assertThat(OAuthAttempt.openCount()).isZero();
  }

  @Test
  void messagesSplitIntoSingleBytesAreReassembled() throws Exception {
    try (ScriptedPostgres server = new ScriptedPostgres(acceptingBearer(true, "OAUTHBEARER"))) {
      connectAndClose(server, props(null));
      awaitReceived(2);
      assertThat(received.get(0)).isEqualTo(token);
    }
  }

  @Test
  void oauthBearerIsChosenWhenScramIsOfferedToo() throws Exception {
    try (ScriptedPostgres server = new ScriptedPostgres(acceptingBearer(false, "SCRAM-SHA-256", "OAUTHBEARER"))) {
      connectAndClose(server, props("require"));
      awaitReceived(1);
      assertThat(received.get(0)).isEqualTo(token);
    }
  }

  @Test
  void protocolNegotiationBeforeAuthenticationPassesThrough() throws Exception {
    byte[] negotiate = message('v', new byte[] {0, 3, 0, 0, 0, 0, 0, 0});
    try (ScriptedPostgres server = new ScriptedPostgres(s -> {
      s.send(negotiate, authSasl("OAUTHBEARER")); // coalesced before the SASL request
      received.add(bearerToken(s.expect('p')));
      s.send(authOk(), ready());
      s.drain();
    })) {
      connectAndClose(server, props(null));
      awaitReceived(1);
      assertThat(received.get(0)).isEqualTo(token);
    }
  }

  @Test
  void aRefusedTokenGetsTheAbortAnswerAndTheServersErrorAsARefusal() throws Exception {
    String hugeChallenge = "{\"status\":\"invalid_token\",\"pad\":\"" + "x".repeat(1_000_000) + "\"}";
    try (ScriptedPostgres server = new ScriptedPostgres(s -> {
      s.send(authSasl("OAUTHBEARER"));
      received.add(bearerToken(s.expect('p')));
      s.send(auth(11, hugeChallenge.getBytes(StandardCharsets.UTF_8)));
      byte[] abort = s.expect('p');
      received.add("abort:" + (abort.length == 1 && abort[0] == 1));
      s.send(error("28000", "OAuth bearer authentication failed for user \"app\""));
    })) {
      assertThatThrownBy(() -> connectAndClose(server, props(null))).isInstanceOfSatisfying(SQLException.class, e -> {
        assertThat(e.getSQLState()).isEqualTo("28000");
        assertThat(e.getMessage()).contains("the database refused the token")
            .contains("OAuth bearer authentication failed").doesNotContain(token);
      });
      // a static token refetched is the same token: no second attempt (the retry is tested with signed tokens)
      assertThat(received).containsExactly(token, "abort:true");
    }
  }

  @Test
  void aServerClosingMidExchangeFailsTheConnectCleanly() throws Exception {
    try (ScriptedPostgres server = new ScriptedPostgres(s -> {
      s.send(authSasl("OAUTHBEARER"));
      s.expect('p');
      s.in.close();
    })) {
      assertThatThrownBy(() -> connectAndClose(server, props(null))).isInstanceOfSatisfying(SQLException.class, e -> {
        assertThat(e.getSQLState()).startsWith("08");
        assertThat(e.getMessage()).doesNotContain(token);
      });
    }
  }

  @Test
  void aServerClosingInsideAMessageFailsTheConnectCleanly() throws Exception {
    try (ScriptedPostgres server = new ScriptedPostgres(s -> {
      byte[] sasl = authSasl("OAUTHBEARER");
      s.out.write(sasl, 0, 7);
      s.out.flush();
      s.in.close();
    })) {
      assertThatThrownBy(() -> connectAndClose(server, props(null))).isInstanceOf(SQLException.class);
    }
  }

  @Test
  void autoSendsTheTokenAsPasswordToAPasswordServer() throws Exception {
    try (ScriptedPostgres server = new ScriptedPostgres(s -> {
      s.send(auth(3, new byte[0]));
      byte[] password = s.expect('p');
      received.add(new String(password, 0, password.length - 1, StandardCharsets.UTF_8));
      s.send(authOk(), ready());
      s.drain();
    })) {
      connectAndClose(server, props(null));
      awaitReceived(1);
      assertThat(received.get(0)).isEqualTo(token);
    }
  }

  @Test
  void requireRefusesAPasswordServerWithoutSendingTheToken() throws Exception {
    assertRequireRefuses(auth(3, new byte[0]), "password (cleartext)");
  }

  @Test
  void requireRefusesAnMd5Server() throws Exception {
    assertRequireRefuses(auth(5, new byte[] {1, 2, 3, 4}), "MD5 password");
  }

  @Test
  void requireRefusesAScramOnlyServer() throws Exception {
    assertRequireRefuses(authSasl("SCRAM-SHA-256", "SCRAM-SHA-256-PLUS"), "SCRAM-SHA-256");
  }

  @Test
  void requireRefusesATrustServer() throws Exception {
    assertRequireRefuses(authOk(), "without asking for a token");
  }

  private void assertRequireRefuses(byte[] request, String named) throws Exception {
    try (ScriptedPostgres server = new ScriptedPostgres(s -> {
      s.send(request);
      received.add("client sent:" + s.drain());
    })) {
      assertThatThrownBy(() -> connectAndClose(server, props("require")))
          .isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("HY000");
            assertThat(e.getMessage()).contains("jwt.postgresOAuth=require").contains(named)
                .contains("jwt.postgresOAuth=auto").doesNotContain(token);
          });
      awaitReceived(1);
      assertThat(received.get(0)).isEqualTo("client sent:"); // not a single message: no password, no token
    }
  }

  @Test
  void offRefusesAnOauthOnlyServerNamingTheOption() throws Exception {
    try (ScriptedPostgres server = new ScriptedPostgres(s -> {
      s.send(authSasl("OAUTHBEARER"));
      received.add("client sent:" + s.drain());
    })) {
      assertThatThrownBy(() -> connectAndClose(server, props("off"))).isInstanceOfSatisfying(SQLException.class, e -> {
        assertThat(e.getSQLState()).isEqualTo("HY000");
        assertThat(e.getMessage()).contains("jwt.postgresOAuth=off").doesNotContain("SCRAM").doesNotContain(token);
      });
      awaitReceived(1);
      assertThat(received.get(0)).isEqualTo("client sent:");
    }
  }

  @Test
  void cancelRequestsPassThroughTheDriversSocketFactory() throws Exception {
    try (ScriptedPostgres server = new ScriptedPostgres(acceptingBearer(false, "OAUTHBEARER"))) {
      try (Connection c = DriverManager.getConnection(server.url(), props(null))) {
        c.unwrap(PGConnection.class).cancelQuery();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (server.cancelRequests.get() == 0 && System.nanoTime() < deadline) {
          Thread.onSpinWait();
        }
        assertThat(server.cancelRequests.get()).isEqualTo(1);
      }
    }
  }

  @Test
  void aUserSocketFactoryInTheUrlIsStillUsed() throws Exception {
    int before = CountingSocketFactory.SOCKETS.get();
    try (ScriptedPostgres server = new ScriptedPostgres(acceptingBearer(false, "OAUTHBEARER"))) {
      try (Connection c = DriverManager.getConnection(server.url() + "&socketFactory="
          + CountingSocketFactory.class.getName(), props(null))) {
        assertThat(c.isClosed()).isFalse();
      }
      awaitReceived(1);
      assertThat(received.get(0)).isEqualTo(token);
    }
    assertThat(CountingSocketFactory.SOCKETS.get()).isEqualTo(before + 1);
  }

  @Test
  void aUserSocketFactoryInThePropertiesIsStillUsed() throws Exception {
    int before = CountingSocketFactory.SOCKETS.get();
    Properties p = props(null);
    p.setProperty("socketFactory", CountingSocketFactory.class.getName());
    try (ScriptedPostgres server = new ScriptedPostgres(acceptingBearer(false, "OAUTHBEARER"))) {
      connectAndClose(server, p);
    }
    assertThat(CountingSocketFactory.SOCKETS.get()).isEqualTo(before + 1);
  }

  @Test
  void theTokenIsInNoLogRecord() throws Exception {
    try (ScriptedPostgres server = new ScriptedPostgres(acceptingBearer(false, "OAUTHBEARER"))) {
      connectAndClose(server, props(null));
    }
    assertThat(LeakWatch.captured().stream().noneMatch(r -> r.contains(token))).isTrue();
  }

  @Test
  void anUnknownModeIsAConfigurationErrorNamingTheChoices() throws Exception {
    try (ScriptedPostgres server = new ScriptedPostgres(acceptingBearer(false, "OAUTHBEARER"))) {
      assertThatThrownBy(() -> connectAndClose(server, props("maybe"))).isInstanceOfSatisfying(SQLException.class,
          e -> {
            assertThat(e.getSQLState()).isEqualTo("HY000");
            assertThat(e.getMessage()).contains("jwt.postgresOAuth").contains("auto, require, off");
          });
      assertThat(server.logins.get()).isZero();
    }
  }

  @Test
  void thePgjdbcOnTheClassPathDoesNotSpeakOauthItself() {
    assertThat(PostgresHooks.pgjdbcSpeaksOAuth(getClass().getClassLoader())).isFalse();
  }

  private void awaitReceived(int count) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (received.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(received).hasSizeGreaterThanOrEqualTo(count);
  }
}
