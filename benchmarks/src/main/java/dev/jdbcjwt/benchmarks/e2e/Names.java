package dev.jdbcjwt.benchmarks.e2e;

/** The measurement groups and variants, as named in the reports. */
public final class Names {

  public static final String RAW = "pgjdbc (raw)";
  public static final String JWT = "jdbc:jwt (warm)";
  public static final String AWS = "AWS wrapper, no plugins";
  public static final String AWS_IAM = "AWS wrapper, iam plugin";
  public static final String RAW_UNDER_AWS = "pgjdbc (raw, under the AWS wrapper)";
  public static final String MARIADB_RAW_UNDER_AWS = "MariaDB Connector/J (raw, under the AWS wrapper)";
  public static final String RAW_AGAIN = "pgjdbc (raw) again: A/A control";
  public static final String JWT_BY_HAND = "jdbc:jwt steps by hand (timed in parts)";
  public static final String JWT_UNCACHED = "jdbc:jwt steps, parsing on every connect (before)";
  public static final String SCRAM = "pgjdbc, SCRAM password (reference)";
  public static final String MARIADB_RAW = "MariaDB Connector/J (raw)";
  public static final String MARIADB_PASSWORD = "Connector/J, native password (reference)";
  public static final String HIKARI_STATIC = "HikariCP, static password";
  public static final String HIKARI_STATIC_SHORT = "HikariCP, static password, maxLifetime 30 s (reference)";
  public static final String HIKARI_TOKEN_SHORT =
      "HikariCP, a token as static password, maxLifetime 30 s (reference)";
  public static final String HIKARI_LONG = "JwtHikariDataSource, 15 min tokens";
  public static final String HIKARI_ROTATING = "JwtHikariDataSource, tokens rotating every 4-7 s";

  public static final String PG_CONNECT_TOKEN = "pg-connect-token";
  public static final String PG_CONNECT_TRUST = "pg-connect-trust";
  public static final String PG_SELECT_1 = "pg-select-1";
  public static final String PG_SELECT_100 = "pg-select-100-rows";
  public static final String MARIADB_CONNECT = "mariadb-connect-token";
  public static final String MARIADB_SELECT_1 = "mariadb-select-1";
  public static final String HIKARI_BORROW = "hikari-borrow";

  private Names() {
  }
}
