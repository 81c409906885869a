package dev.jdbcjwt.samples.plainjdbc;

import dev.jdbcjwt.jdbc.TokenConnection;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

/**
 * Plain JDBC with a token instead of a password: DriverManager, a {@code jdbc:jwt:} URL, and the token source's
 * options as connection properties (a URL may not choose keys, files or identities: docs/security.md).
 *
 * <pre>
 * java PlainJdbc 'jdbc:jwt:postgresql://db:5432/app?sslmode=verify-full' app jwt.provider=signed jwt.signingKey=file:/keys/app.pem \
 *     jwt.issuer=https://issuer jwt.audience=app-db
 * </pre>
 */
public final class PlainJdbc {

  private PlainJdbc() {
  }

  public static void main(String[] args) throws SQLException {
    if (args.length < 2 || args[0].isBlank()) {
      System.err.println("usage: PlainJdbc '<jdbc:jwt:... url>' <database user> [jwt.<option>=<value>]...");
      System.exit(64);
    }
    Properties options = new Properties();
    for (int i = 2; i < args.length; i++) {
      for (String pair : args[i].strip().split("\\s+")) { // also one argument of several: -Dsample.options='…'
        int eq = pair.indexOf('=');
        if (eq > 0) {
          options.setProperty(pair.substring(0, eq), pair.substring(eq + 1));
        }
      }
    }
    run(args[0], args[1], options, System.out);
  }

  /**
   * Connects with the {@code jwt.*} {@code options}, asks the database who we are, and shows what the token says
   * (never the token itself).
   */
  public static String run(String url, String user, Properties options, PrintStream out) throws SQLException {
    Properties props = new Properties();
    props.putAll(options);
    props.setProperty("user", user);
    try (Connection connection = DriverManager.getConnection(url, props);
         Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("select current_user, version()")) {
      rs.next();
      String currentUser = rs.getString(1);
      TokenConnection token = connection.unwrap(TokenConnection.class);
      out.println("Connected as " + currentUser + " to " + rs.getString(2));
      out.println("Logged in with a token for " + token.tokenSubject().orElse("?") + " (key "
          + token.tokenKeyId().orElse("?") + "), valid for another "
          + Duration.between(Instant.now(), token.tokenExpiresAt()).toSeconds() + " s");
      return currentUser;
    }
  }
}
