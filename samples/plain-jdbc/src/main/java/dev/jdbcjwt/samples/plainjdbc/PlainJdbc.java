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
 * Plain JDBC with a token instead of a password: DriverManager, one URL, nothing else.
 *
 * <pre>
 * java PlainJdbc 'jdbc:jwt:postgresql://db:5432/app?sslmode=verify-full&amp;jwt.provider=signed
 *     &amp;jwt.signingKey=file:/keys/app.pem
 *     &amp;jwt.issuer=https://issuer&amp;jwt.audience=app-db' app
 * </pre>
 */
public final class PlainJdbc {

  private PlainJdbc() {
  }

  public static void main(String[] args) throws SQLException {
    if (args.length < 2 || args[0].isBlank()) {
      System.err.println("usage: PlainJdbc '<jdbc:jwt:... url>' <database user>");
      System.exit(64);
    }
    run(args[0], args[1], System.out);
  }

  /** Connects, asks the database who we are, and shows what the token says (never the token itself). */
  public static String run(String url, String user, PrintStream out) throws SQLException {
    Properties props = new Properties();
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
