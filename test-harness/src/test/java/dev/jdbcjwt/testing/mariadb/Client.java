package dev.jdbcjwt.testing.mariadb;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.function.Function;

/** The two vendor drivers the MariaDB test server is checked with, each with the TLS setting it needs. */
enum Client {
  MYSQL_CONNECTOR_J(MariaDbServer::mysqlConnectorUrl, "?sslMode=DISABLED"),
  MARIADB_CONNECTOR_J(MariaDbServer::mariadbConnectorUrl, "?sslMode=disable");

  private final Function<MariaDbServer, String> url;
  private final String withoutTls;

  Client(Function<MariaDbServer, String> url, String withoutTls) {
    this.url = url;
    this.withoutTls = withoutTls;
  }

  Connection connect(MariaDbServer server, String user, String token) throws SQLException {
    return connect("jdbc:" + url.apply(server), user, token);
  }

  Connection connectWithoutTls(MariaDbServer server, String user, String token) throws SQLException {
    String scheme = this == MYSQL_CONNECTOR_J ? "mysql" : "mariadb";
    return connect("jdbc:" + server.vendorUrl(scheme) + withoutTls, user, token);
  }

  private static Connection connect(String url, String user, String token) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", user);
    props.setProperty("password", token);
    // each login runs the PAM check (a process per login); twelve at once on a loaded 2-core machine took over 10 s
    props.setProperty("connectTimeout", "30000");
    return DriverManager.getConnection(url, props);
  }
}
