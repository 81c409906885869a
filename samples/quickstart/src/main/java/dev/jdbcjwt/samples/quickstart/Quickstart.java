package dev.jdbcjwt.samples.quickstart;

import dev.jdbcjwt.samples.quickstart.JwtRealm.AcceptedToken;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Properties;

/**
 * The quickstart: an application logs in to a database with short-lived tokens instead of a password.
 *
 * <ol>
 *   <li>an in-process token issuer makes a key pair;</li>
 *   <li>an embedded H2 database is told to trust the issuer's public key;</li>
 *   <li>the application connects through {@code jdbc:jwt:h2:…}: the driver mints a token with the private key and
 *       H2 checks it (signature, issuer, audience, expiry, subject = user);</li>
 *   <li>when that token nears expiry, the same connect call gets a new one;</li>
 *   <li>a token signed by a key the database does not trust is refused.</li>
 * </ol>
 *
 * <p>Run from the repository root: {@code mvn -q -pl samples/quickstart -am verify -DskipTests -Pquickstart}.
 * Nothing here prints a token or the private key.
 */
public final class Quickstart {

  static final String ISSUER = "https://issuer.quickstart.example";
  static final String AUDIENCE = "quickstart-db";
  static final String USER = "app";
  /** Tolerance the database allows past a token's expiry (clock differences). */
  static final Duration DATABASE_CLOCK_SKEW = Duration.ofSeconds(2);

  /** How long tokens live, and how long before expiry the driver stops using one ({@code jwt.clockSkew}). */
  public record Settings(String databaseName, Duration ttl, Duration clientClockSkew) {

    public static Settings demo() {
      return new Settings("quickstart", Duration.ofSeconds(20), Duration.ofSeconds(5));
    }
  }

  /** What happened, for the smoke test. */
  public record Result(String currentUser, AcceptedToken firstToken, AcceptedToken secondToken, int rowsAtTheEnd,
      String refusedSqlState, String refusalReason) {
  }

  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  private final Settings settings;
  private final PrintStream out;

  public Quickstart(Settings settings, PrintStream out) {
    this.settings = settings;
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    Instant start = Instant.now();
    new Quickstart(Settings.demo(), System.out).run();
    System.out.printf("Done in %d s. No password, token or private key was printed or written anywhere.%n",
        Duration.between(start, Instant.now()).toSeconds());
  }

  public Result run() throws Exception {
    out.println("jdbc-jwt quickstart: an application logs in to a database with short-lived tokens, not a password.");
    out.println();
    TokenIssuer issuer = startIssuer();
    JwtRealm realm = new JwtRealm(issuer.publicJwks(), ISSUER, AUDIENCE, DATABASE_CLOCK_SKEW);
    try (TokenTrustingDatabase db = TokenTrustingDatabase.start(settings.databaseName(), realm)) {
      describeDatabase(issuer);
      String url = "jdbc:jwt:" + db.vendorUrl();
      Properties props = driverProperties(issuer);
      First first = firstConnection(url, props, realm);
      waitUntilRetired(first.token());
      Second second = secondConnection(url, props, realm, first.token());
      Refusal refusal = strangerIsRefused(url, realm);
      return new Result(first.currentUser(), first.token(), second.token(), second.rows(), refusal.sqlState(),
          refusal.reason());
    }
  }

  private record First(String currentUser, AcceptedToken token) {
  }

  private record Second(AcceptedToken token, int rows) {
  }

  private record Refusal(String sqlState, String reason) {
  }

  /** Step 1: the identity provider. */
  private TokenIssuer startIssuer() {
    TokenIssuer issuer = TokenIssuer.start(ISSUER, AUDIENCE, "quickstart-key-1");
    out.println("[1] Token issuer started (in this process).");
    out.println("    Signing key: RSA 2048, key id " + issuer.keyId() + ".");
    out.println("    Tokens it signs name issuer \"" + ISSUER + "\" and audience \"" + AUDIENCE + "\".");
    out.println("    The public key (a JWKS) goes to the database; the private key stays with the application.");
    out.println();
    return issuer;
  }

  /** Step 2: the database, trusting the issuer's public key only. */
  private void describeDatabase(TokenIssuer issuer) {
    out.println("[2] Embedded H2 database \"" + settings.databaseName() + "\" started and configured to trust that "
        + "issuer's public key.");
    out.println("    Its login realm " + TokenTrustingDatabase.REALM + " lets a user in only if the password is a "
        + "token signed by key " + issuer.keyId() + ", naming");
    out.println("    that issuer and audience, not expired, whose subject is the user logging in. "
        + "No database user has a password.");
    out.println();
  }

  /** Step 3: the first connection, with a token the driver mints. */
  private First firstConnection(String url, Properties props, JwtRealm realm) throws SQLException {
    out.println("[3] Connecting with " + url + " as user \"" + USER + "\".");
    out.println("    No password in the URL or the properties: with jwt.provider=signed the driver mints a token");
    out.println("    signed with the private key, valid " + seconds(settings.ttl()) + ", and hands it to H2 as the "
        + "password.");
    try (Connection c = DriverManager.getConnection(url, props); Statement st = c.createStatement()) {
      AcceptedToken first = realm.lastAccepted().orElseThrow();
      out.println("    Connected: the database checked the token and let the user in.");
      String currentUser = queryString(st, "SELECT CURRENT_USER()");
      out.println("    SELECT CURRENT_USER()  ->  " + currentUser
          + "   (H2 names a user who logged in through a realm USER@REALM)");
      st.execute("CREATE TABLE " + TokenTrustingDatabase.APP_SCHEMA + ".GREETINGS(ID INT AUTO_INCREMENT PRIMARY KEY,"
          + " TEXT VARCHAR(100), WRITTEN_BY VARCHAR(100) DEFAULT CURRENT_USER)");
      st.executeUpdate("INSERT INTO APP.GREETINGS(TEXT) VALUES ('hello from a token')");
      try (ResultSet rs = st.executeQuery("SELECT TEXT, WRITTEN_BY FROM APP.GREETINGS")) {
        rs.next();
        out.println("    CREATE TABLE APP.GREETINGS, INSERT, SELECT  ->  '" + rs.getString(1) + "' written by "
            + rs.getString(2));
      }
      describe("Token the database saw", first);
      out.println();
      return new First(currentUser, first);
    }
  }

  /** Step 4: wait until the driver would no longer use the first token. */
  private void waitUntilRetired(AcceptedToken first) throws InterruptedException {
    Instant retireAt = first.expiresAt().minus(settings.clientClockSkew()).plusMillis(500);
    Duration wait = Duration.between(Instant.now(), retireAt);
    out.println("[4] Waiting " + seconds(wait) + ", until that token is within " + seconds(settings.clientClockSkew())
        + " of expiry (jwt.clockSkew): from then on the driver no longer hands it out ...");
    if (!wait.isNegative()) {
      Thread.sleep(wait.toMillis());
    }
    out.println();
  }

  /** Step 5: the second connection, same URL and properties, gets a fresh token. */
  private Second secondConnection(String url, Properties props, JwtRealm realm, AcceptedToken first)
      throws SQLException {
    out.println("[5] Connecting again with the same URL and properties.");
    try (Connection c = DriverManager.getConnection(url, props); Statement st = c.createStatement()) {
      AcceptedToken second = realm.lastAccepted().orElseThrow();
      boolean fresh = !second.tokenId().equals(first.tokenId());
      out.println("    Connected with " + (fresh ? "a NEW token" : "the SAME token (unexpected)") + ": issued "
          + Duration.between(first.issuedAt(), second.issuedAt()).toSeconds() + " s after the first one.");
      describe("Token the database saw", second);
      st.executeUpdate("INSERT INTO APP.GREETINGS(TEXT) VALUES ('hello again, with a fresh token')");
      int rows = Integer.parseInt(queryString(st, "SELECT COUNT(*) FROM APP.GREETINGS"));
      out.println("    INSERT, SELECT COUNT(*) FROM APP.GREETINGS  ->  " + rows + "   (same database, same user "
          + queryString(st, "SELECT CURRENT_USER()") + ")");
      out.println();
      return new Second(second, rows);
    }
  }

  /** Step 6: a token signed by a key the database does not trust is refused. */
  private Refusal strangerIsRefused(String url, JwtRealm realm) {
    out.println("[6] Someone else tries: same URL, same user, same issuer name and audience, but a token signed "
        + "by a key of their own.");
    TokenIssuer stranger = TokenIssuer.start(ISSUER, AUDIENCE, "someone-elses-key");
    Refusal refusal = new Refusal(null, null);
    try (Connection c = DriverManager.getConnection(url, driverProperties(stranger))) {
      out.println("    Connected as " + c.getMetaData().getUserName()
          + " (unexpected!): the database accepted a token it should not trust.");
    } catch (SQLException e) {
      refusal = new Refusal(e.getSQLState(), realm.lastRefusal().orElse("(none recorded)"));
      out.println("    Refused by the database: SQLState " + refusal.sqlState() + ",");
      out.println("      \"" + firstLine(e.getMessage()) + "\"");
      out.println("    The database's own reason: " + refusal.reason() + ".");
    }
    out.println();
    return refusal;
  }

  private Properties driverProperties(TokenIssuer keyHolder) {
    Properties p = new Properties();
    p.setProperty("user", USER);
    p.setProperty("jwt.provider", "signed");
    // the PEM text itself keeps the demo self-contained; real applications pass file:/path/key.pem or env:NAME
    p.setProperty("jwt.signingKey", keyHolder.privateKeyPem());
    p.setProperty("jwt.keyId", keyHolder.keyId());
    p.setProperty("jwt.issuer", keyHolder.issuer());
    p.setProperty("jwt.audience", keyHolder.audience());
    p.setProperty("jwt.ttl", settings.ttl().toSeconds() + "s");
    p.setProperty("jwt.clockSkew", settings.clientClockSkew().toSeconds() + "s");
    return p;
  }

  private void describe(String what, AcceptedToken token) {
    out.println("    " + what + ": subject " + token.subject() + ", key id " + token.keyId() + ", token id "
        + token.tokenId() + ",");
    out.println("      issued " + CLOCK.format(token.issuedAt()) + ", expires " + CLOCK.format(token.expiresAt())
        + " (" + seconds(token.remainingAt(Instant.now())) + " left).");
  }

  private static String queryString(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static String seconds(Duration d) {
    return Math.max(0, Math.round(d.toMillis() / 1000.0)) + " s";
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    String m = message.strip();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl).strip();
  }
}
