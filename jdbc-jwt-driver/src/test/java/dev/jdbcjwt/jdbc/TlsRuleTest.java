package dev.jdbcjwt.jdbc;

import dev.jdbcjwt.jdbc.internal.ConnectEnvironment;
import dev.jdbcjwt.token.cache.TokenCaches;
import dev.jdbcjwt.token.net.HostClassifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tokens go only to verified servers. Hosts are classified by a resolver that knows two names and answers nothing
 * else, so no DNS query is sent; the vendor driver is a spy that records connects and opens nothing.
 */
class TlsRuleTest {

  private static final Map<String, String> NAMES = Map.of("localhost", "127.0.0.1", "foo.localhost", "10.0.0.5");
  private static final HostClassifier HOSTS = HostClassifier.resolvingWith(name -> {
    String a = NAMES.get(name);
    if (a == null) {
      throw new UnknownHostException(name);
    }
    return new InetAddress[] {InetAddress.getByName(a)};
  });

  private SpyVendorDriver spy;
  private JwtDriver driver;

  @BeforeEach
  void setUp() {
    spy = new SpyVendorDriver();
    driver = new JwtDriver(new ConnectEnvironment(HOSTS, url -> spy));
    StubDriver.reset();
    TokenCaches.clear();
  }

  @AfterEach
  void tearDown() {
    TokenCaches.clear();
  }

  private void connect(String vendorUrl, Properties extra) throws SQLException {
    Properties p = SignedProperties.forApp();
    p.putAll(extra);
    driver.connect("jdbc:jwt:" + vendorUrl, p).close();
  }

  private void connect(String vendorUrl) throws SQLException {
    connect(vendorUrl, new Properties());
  }

  private void assertRefused(String vendorUrl, Properties extra, String setting) {
    assertThatThrownBy(() -> connect(vendorUrl, extra))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("does not verify the server")
        .hasMessageContaining(setting)
        .hasMessageContaining("jwt.allowUnverifiedTls=true")
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo(SqlStates.BAD_CONFIGURATION));
    assertThat(spy.connectedUrls()).as("the vendor driver was never called").isEmpty();
  }

  private void assertRefused(String vendorUrl, String setting) {
    assertRefused(vendorUrl, new Properties(), setting);
  }

  private void assertAccepted(String vendorUrl, Properties extra) throws SQLException {
    connect(vendorUrl, extra);
    assertThat(spy.connectedUrls()).hasSize(1);
  }

  private void assertAccepted(String vendorUrl) throws SQLException {
    assertAccepted(vendorUrl, new Properties());
  }

  private static Properties props(String... kv) {
    Properties p = new Properties();
    for (int i = 0; i < kv.length; i += 2) {
      p.setProperty(kv[i], kv[i + 1]);
    }
    return p;
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "?sslmode=require", "?sslmode=prefer", "?sslmode=allow", "?sslmode=disable",
      "?ssl=false", "?ssl=true&sslmode=require"})
  void postgresToARemoteHostWithoutVerificationIsRefused(String query) {
    assertRefused("postgresql://db.example.test:5432/app" + query, "sslmode=verify-full");
  }

  @ParameterizedTest
  @ValueSource(strings = {"?sslmode=verify-full", "?sslmode=verify-ca", "?sslmode=VERIFY-FULL", "?ssl=true", "?ssl"})
  void postgresWithAVerifyingModeIsAccepted(String query) throws SQLException {
    assertAccepted("postgresql://db.example.test:5432/app" + query);
  }

  @Test
  void postgresUrlParametersWinOverPropertiesAsInPgjdbc() throws SQLException {
    assertRefused("postgresql://db.example.test/app?sslmode=require", props("sslmode", "verify-full"),
        "sslmode=require");
    assertAccepted("postgresql://db.example.test/app", props("sslmode", "verify-full"));
  }

  @Test
  void settingsThatUndoVerificationAreRefusedAndTrustAnchorsMustNotComeFromTheUrl() throws SQLException {
    assertRefused("postgresql://db.example.test/app?sslmode=verify-full&sslfactory=org.postgresql.ssl."
        + "NonValidatingFactory", new Properties(), "trusts any certificate");
    String singleCert = "postgresql://db.example.test/app?sslmode=verify-full&sslfactory=org.postgresql.ssl."
        + "SingleCertValidatingFactory";
    assertRefused(singleCert + "&sslfactoryarg=classpath:ca.pem", new Properties(), "sslfactoryarg");
    assertRefused("mysql://db.example.test/app?sslMode=VERIFY_CA&trustCertificateKeyStoreUrl=https://x.example.test/ca"
        + ".jks", new Properties(), "trustCertificateKeyStoreUrl");
    assertRefused("mariadb://db.example.test/app?sslMode=verify-full&serverSslCert=-----BEGIN%20CERTIFICATE-----",
        new Properties(), "serverSslCert");
    assertAccepted(singleCert, props("sslfactoryarg", "classpath:ca.pem"));
    spy = new SpyVendorDriver();
    driver = new JwtDriver(new ConnectEnvironment(HOSTS, url -> spy));
    assertAccepted("mysql://db.example.test/app?sslMode=VERIFY_CA", props("trustCertificateKeyStoreUrl",
        "file:/etc/ca.jks"));
    spy = new SpyVendorDriver();
    driver = new JwtDriver(new ConnectEnvironment(HOSTS, url -> spy));
    assertAccepted("mariadb://db.example.test/app?sslMode=verify-full", props("serverSslCert", "/etc/ca.pem"));
  }

  @Test
  void everyHostOfAMultiHostUrlCounts() {
    assertRefused("postgresql://127.0.0.1:5432,db.example.test:5432/app?targetServerType=primary", "db.example.test");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "?sslMode=REQUIRED", "?sslMode=PREFERRED", "?sslMode=DISABLED",
      "?useSSL=true&requireSSL=true", "?useSSL=false&verifyServerCertificate=true"})
  void mysqlToARemoteHostWithoutVerificationIsRefused(String query) {
    assertRefused("mysql://db.example.test:3306/app" + query, "sslMode=VERIFY_IDENTITY");
  }

  @ParameterizedTest
  @ValueSource(strings = {"?sslMode=VERIFY_IDENTITY", "?sslMode=VERIFY_CA", "?sslMode=verify_identity",
      "?sslmode=VERIFY_CA", "?verifyServerCertificate=true", "?useSSL=true&verifyServerCertificate=yes"})
  void mysqlWithAVerifyingModeIsAccepted(String query) throws SQLException {
    assertAccepted("mysql://db.example.test:3306/app" + query);
  }

  @Test
  void mysqlPropertiesAndPerHostKeysWinAsInConnectorJ() throws SQLException {
    assertRefused("mysql://db.example.test/app?sslMode=VERIFY_IDENTITY", props("sslMode", "REQUIRED"),
        "sslMode=REQUIRED");
    assertRefused("mysql://address=(host=db.example.test)(port=3306)(sslMode=REQUIRED)/app?sslMode=VERIFY_IDENTITY",
        new Properties(), "db.example.test");
    assertAccepted("mysql://db.example.test/app?sslMode=REQUIRED", props("sslMode", "VERIFY_CA"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "?sslMode=trust", "?sslMode=REQUIRED", "?sslMode=disable",
      "?useSsl=true&trustServerCertificate=true", "?sslMode=verify-full&useSsl=true&trustServerCertificate=true"})
  void mariadbToARemoteHostWithoutVerificationIsRefused(String query) {
    assertRefused("mariadb://db.example.test:3306/app" + query, "sslMode=verify-full");
  }

  @ParameterizedTest
  @ValueSource(strings = {"?sslMode=verify-full", "?sslMode=verify-ca", "?sslMode=VERIFY_IDENTITY",
      "?sslMode=VERIFY_CA", "?sslMode=verify_full", "?useSsl=true"})
  void mariadbWithAVerifyingModeIsAccepted(String query) throws SQLException {
    assertAccepted("mariadb://db.example.test:3306/app" + query);
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgresql://127.0.0.1:5432/app", "postgresql://[::1]:5432/app?sslmode=disable",
      "postgresql://localhost/app", "postgresql:app", "postgresql://127.0.0.1,127.0.0.2:5433/app",
      "mysql://127.0.0.1:3306/app?sslMode=REQUIRED", "mysql://[::1]/app", "mariadb://127.0.0.1/app?sslMode=trust",
      "mariadb://[::1]:3306/app"})
  void loopbackHostsAreExempt(String url) throws SQLException {
    assertAccepted(url);
  }

  @Test
  void aLocalhostNameIsExemptOnlyWhenItResolvesToLoopback() {
    assertRefused("postgresql://foo.localhost/app", "foo.localhost");
  }

  @Test
  void unixSocketsAreExempt() throws SQLException {
    assertAccepted("postgresql://db.example.test/app", props("socketFactory",
        "org.newsclub.net.unix.AFUNIXSocketFactory$FactoryArg", "socketFactoryArg", "/run/postgresql/.s.PGSQL.5432"));
    spy = new SpyVendorDriver();
    driver = new JwtDriver(new ConnectEnvironment(HOSTS, url -> spy));
    assertAccepted("mariadb://db.example.test/app?localSocket=/run/mysqld/mysqld.sock");
    spy = new SpyVendorDriver();
    driver = new JwtDriver(new ConnectEnvironment(HOSTS, url -> spy));
    assertAccepted("mysql://db.example.test/app", props("socketFactory",
        "org.newsclub.net.mysql.AFUNIXDatabaseSocketFactoryCJ", "junixsocket.file", "/run/mysqld/mysqld.sock"));
  }

  @Test
  void theOptOutLetsTheTokenGoAnyway() throws SQLException {
    assertAccepted("postgresql://db.example.test/app?sslmode=require", props("jwt.allowUnverifiedTls", "true"));
  }

  @Test
  void refusedBeforeAnyTokenIsObtained() {
    Properties counting = props("jwt.provider", "test-counting");
    CountingProvider.REQUESTS.set(0);
    assertThatThrownBy(() -> driver.connect("jdbc:jwt:postgresql://db.example.test/app", counting))
        .hasMessageContaining("does not verify the server");
    assertThat(CountingProvider.REQUESTS.get()).isZero();
    assertThat(spy.connectedUrls()).isEmpty();
  }

  @Test
  void unknownVendorsAreWarnedAboutOnceAndEmbeddedH2NotAtAll() throws Exception {
    List<String> warnings = new ArrayList<>();
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord r) {
        if (r.getMessage() != null && r.getMessage().contains("verify the server")) {
          warnings.add(String.valueOf(r.getParameters()[0]));
        }
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    };
    Logger log = Logger.getLogger("dev.jdbcjwt.jdbc");
    log.addHandler(handler);
    try {
      connect("tlsruletest://db.example.test/app");
      connect("tlsruletest://other.example.test/app");
      connect("h2:mem:tlsrule");
      connect("h2:./target/tlsrule");
      connect("h2:~/tlsrule");
      assertThat(spy.connectedUrls()).hasSize(5);
    } finally {
      log.removeHandler(handler);
    }
    assertThat(warnings).containsExactly("tlsruletest");
  }
}
