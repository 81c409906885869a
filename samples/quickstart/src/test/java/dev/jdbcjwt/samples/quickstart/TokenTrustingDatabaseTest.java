package dev.jdbcjwt.samples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The database's side alone, with plain {@code jdbc:h2:} and tokens minted here: H2 itself accepts or refuses. */
class TokenTrustingDatabaseTest {

  private static final String ISSUER = "https://issuer.test";
  private static final String AUDIENCE = "h2-test";

  static TokenIssuer issuer;
  static JwtRealm realm;
  static TokenTrustingDatabase db;

  @BeforeAll
  static void start() throws SQLException {
    issuer = TokenIssuer.start(ISSUER, AUDIENCE, "trusted");
    realm = new JwtRealm(issuer.publicJwks(), ISSUER, AUDIENCE, Duration.ofSeconds(1));
    db = TokenTrustingDatabase.start("realm-test", realm);
  }

  @AfterAll
  static void stop() throws SQLException {
    db.close();
  }

  private static Connection login(String user, String token) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", user);
    p.setProperty("password", token);
    return DriverManager.getConnection("jdbc:" + db.vendorUrl(), p);
  }

  @Test
  void validTokenLogsInAsTheSubjectAndMayUseTheAppSchema() throws SQLException {
    try (Connection c = login("alice", issuer.mint("alice", Duration.ofSeconds(30)));
        Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT CURRENT_USER()")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("ALICE@JWT");
      }
      st.execute("CREATE TABLE APP.T_ALICE(ID INT)");
      st.execute("INSERT INTO APP.T_ALICE VALUES (1)");
      try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM APP.T_ALICE")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(1);
      }
    }
    assertThat(realm.lastAccepted()).get().extracting(JwtRealm.AcceptedToken::subject).isEqualTo("alice");
  }

  @Test
  void tokenForAnotherUserIsRefused() {
    assertThatThrownBy(() -> login("bob", issuer.mint("alice", Duration.ofSeconds(30))).close())
        .isInstanceOf(SQLException.class)
        .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("28000");
    assertThat(realm.lastRefusal()).get().asString().contains("not for user BOB");
  }

  @Test
  void expiredTokenIsRefused() {
    assertThatThrownBy(() -> login("alice", issuer.mint("alice", Duration.ofSeconds(-10))).close())
        .isInstanceOf(SQLException.class);
    assertThat(realm.lastRefusal()).get().asString().containsIgnoringCase("expired");
  }

  @Test
  void tokenFromAnUntrustedKeyIsRefused() {
    TokenIssuer stranger = TokenIssuer.start(ISSUER, AUDIENCE, "trusted"); // same kid, other key
    assertThatThrownBy(() -> login("alice", stranger.mint("alice", Duration.ofSeconds(30))).close())
        .isInstanceOf(SQLException.class);
    assertThat(realm.lastRefusal()).get().asString().containsIgnoringCase("signature");
  }

  @Test
  void plainPasswordIsRefused() {
    assertThatThrownBy(() -> login("alice", "hunter2").close()).isInstanceOf(SQLException.class);
    assertThat(realm.lastRefusal()).get().asString().contains("not a signed JWT");
  }
}
