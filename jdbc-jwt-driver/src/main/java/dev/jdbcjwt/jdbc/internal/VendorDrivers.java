package dev.jdbcjwt.jdbc.internal;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/** Finds the real driver for a vendor URL through {@link DriverManager}, and says which artifact to add if none. */
public final class VendorDrivers {

  private static final Map<String, String> ARTIFACTS = Map.of(
      "postgresql", "org.postgresql:postgresql",
      "mysql", "com.mysql:mysql-connector-j",
      "mariadb", "org.mariadb.jdbc:mariadb-java-client",
      "h2", "com.h2database:h2",
      "sqlserver", "com.microsoft.sqlserver:mssql-jdbc",
      "oracle", "com.oracle.database.jdbc:ojdbc11",
      "singlestore", "com.singlestore:singlestore-jdbc-client",
      "snowflake", "net.snowflake:snowflake-jdbc",
      "db2", "com.ibm.db2:jcc");

  private VendorDrivers() {
  }

  public static Driver find(JwtUrl url) throws SQLException {
    try {
      return DriverManager.getDriver(url.vendorUrl());
    } catch (RuntimeException e) {
      // a vendor driver's acceptsURL choked on the URL (MySQL Connector/J on a stray '%', for one)
      throw Errors.configuration("a JDBC driver could not read the URL after jdbc:jwt: (" + e.getClass().getSimpleName()
          + "); check its syntax and %-escapes");
    } catch (SQLException e) {
      String scheme = url.vendorScheme();
      String artifact = ARTIFACTS.get(scheme);
      String hint = artifact != null
          ? "add the Maven dependency " + artifact + " (or its jar) to the class path"
          : "add the JDBC driver for '" + scheme + "' to the class path";
      throw Errors.configuration("no JDBC driver accepts jdbc:" + scheme + ": URLs; " + hint);
    }
  }
}
