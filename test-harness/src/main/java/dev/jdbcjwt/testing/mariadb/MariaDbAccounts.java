package dev.jdbcjwt.testing.mariadb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The accounts of a {@link MariaDbServer}: the password admin {@value #ADMIN_USER} on 127.0.0.1 (made by the init
 * file before the server accepts connections, reached through MariaDB Connector/J) and the token users, who
 * authenticate through the server's PAM service.
 */
final class MariaDbAccounts {

  static final String ADMIN_USER = "jdbcjwt_admin";
  private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private MariaDbAccounts() {
  }

  /** A new random password for the admin: 24 letters and digits. */
  static String randomPassword() {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder sb = new StringBuilder(24);
    for (int i = 0; i < 24; i++) {
      sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  /**
   * Writes {@code init.sql} into {@code dir}: SQL run once by mariadbd before it accepts connections. The anonymous
   * users of mariadb-install-db ({@code ''@'localhost'}, {@code ''@'<hostname>'}) go: they would match before
   * {@code 'user'@'%'} and make every token login fail. Then the database and the admin are made.
   */
  static Path writeInitFile(Path dir, String adminPassword) throws IOException {
    Path file = dir.resolve("init.sql");
    Files.writeString(file, String.join("\n",
        "DELETE FROM mysql.global_priv WHERE User = '';",
        "FLUSH PRIVILEGES;",
        "CREATE DATABASE IF NOT EXISTS `" + MariaDbServer.DATABASE + "`;",
        "CREATE USER '" + ADMIN_USER + "'@'127.0.0.1' IDENTIFIED BY '" + adminPassword + "';",
        "GRANT ALL PRIVILEGES ON *.* TO '" + ADMIN_USER + "'@'127.0.0.1' WITH GRANT OPTION;",
        ""), StandardCharsets.UTF_8);
    return file;
  }

  /** A new admin connection to the server on {@code port}; the caller closes it. */
  static Connection adminConnection(int port, String password, int connectTimeoutMillis) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", ADMIN_USER);
    props.setProperty("password", password);
    props.setProperty("connectTimeout", Integer.toString(connectTimeoutMillis));
    Connection connection = new org.mariadb.jdbc.Driver()
        .connect("jdbc:mariadb://" + MariaDbServer.HOST + ":" + port + "/" + MariaDbServer.DATABASE, props);
    if (connection == null) {
      throw new SQLException("MariaDB Connector/J refused the admin URL", "08001");
    }
    return connection;
  }

  /** Refuses a token user name other than 1 to 64 letters, digits or underscores. */
  static void requireTokenUserName(String name) {
    if (name == null || !USER_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("token user names here are 1 to 64 letters, digits or underscores: " + name);
    }
  }

  /**
   * Creates {@code name@'%'} authenticated via PAM service {@code pamService}, with all privileges on the server's
   * database, over the admin connection {@code admin}. Does nothing for a user that exists.
   *
   * @param name a name {@link #requireTokenUserName} accepts
   */
  static void createTokenUser(Connection admin, String name, String pamService) throws SQLException {
    requireTokenUserName(name);
    try (Statement s = admin.createStatement()) {
      s.execute("CREATE USER IF NOT EXISTS `" + name + "`@'%' IDENTIFIED VIA pam USING '" + pamService + "'");
      s.execute("GRANT ALL PRIVILEGES ON `" + MariaDbServer.DATABASE + "`.* TO `" + name + "`@'%'");
    }
  }
}
