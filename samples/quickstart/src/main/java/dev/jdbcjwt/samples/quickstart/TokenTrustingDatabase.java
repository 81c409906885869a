package dev.jdbcjwt.samples.quickstart;

import org.h2.api.UserToRolesMapper;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.security.auth.AuthenticationInfo;
import org.h2.security.auth.ConfigProperties;
import org.h2.security.auth.DefaultAuthenticator;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Properties;

/**
 * An embedded, in-memory H2 database that validates tokens itself, through H2's pluggable authentication
 * (experimental in H2 2.x): logins that name {@code AUTHREALM=JWT} are checked by a {@link JwtRealm}; a user who
 * passes is created on the fly as {@code <USER>@JWT} and given the role {@value #APP_ROLE}, which owns the schema
 * {@value #APP_SCHEMA}. No database user has a password an application could use.
 *
 * <p>The realm is installed in code on this one database ({@code Database.setAuthenticator}), rather than with
 * {@code SET AUTHENTICATOR TRUE} and an XML file named by the {@code h2.authConfigFile} system property, which would
 * configure every H2 database in the JVM.
 */
public final class TokenTrustingDatabase implements AutoCloseable {

  public static final String REALM = "JWT";
  public static final String APP_ROLE = "APP_USERS";
  public static final String APP_SCHEMA = "APP";

  private final String name;
  private final Connection admin;

  private TokenTrustingDatabase(String name, Connection admin) {
    this.name = name;
    this.admin = admin;
  }

  /**
   * Creates the in-memory database {@code name} and installs {@code realm} as realm {@value #REALM}. The database
   * lives while the returned object is open (its owner's connection keeps it).
   */
  public static TokenTrustingDatabase start(String name, JwtRealm realm) throws SQLException {
    Properties owner = new Properties();
    owner.setProperty("user", "OWNER");
    // the owner's password is random and forgotten: nobody logs in with a password
    owner.setProperty("password", randomPassword());
    Connection admin = DriverManager.getConnection("jdbc:h2:mem:" + name, owner);
    try {
      try (Statement st = admin.createStatement()) {
        st.execute("CREATE ROLE " + APP_ROLE);
        st.execute("CREATE SCHEMA " + APP_SCHEMA + " AUTHORIZATION " + APP_ROLE);
      }
      installRealm(admin, realm);
    } catch (SQLException | RuntimeException e) {
      admin.close();
      throw e;
    }
    return new TokenTrustingDatabase(name, admin);
  }

  private static void installRealm(Connection admin, JwtRealm realm) throws SQLException {
    DefaultAuthenticator authenticator = new DefaultAuthenticator(true); // true: configured here, not from XML
    authenticator.addRealm(REALM, realm);
    authenticator.setAllowUserRegistration(true); // a valid token for a new name creates the user
    // persisted (in this in-memory database) rather than temporary: in H2 2.5.252 registering a temporary user leaves
    // the system session holding the lock on SYS, and the next CREATE TABLE times out (error 50200)
    authenticator.setPersistUsers(true);
    authenticator.setUserToRolesMappers(new AppRole());
    JdbcConnection h2 = admin.unwrap(JdbcConnection.class);
    ((SessionLocal) h2.getSession()).getDatabase().setAuthenticator(authenticator);
  }

  /** Every user the realm lets in gets the application role (a real setup could map a token claim instead). */
  private static final class AppRole implements UserToRolesMapper {
    @Override
    public Collection<String> mapUserToRoles(AuthenticationInfo info) {
      return List.of(APP_ROLE);
    }

    @Override
    public void configure(ConfigProperties configProperties) {
      // nothing to read
    }
  }

  private static String randomPassword() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** The vendor URL an application uses: H2's own, plus the realm that checks tokens. */
  public String vendorUrl() {
    return "h2:mem:" + name + ";AUTHREALM=" + REALM;
  }

  @Override
  public void close() throws SQLException {
    try (Statement st = admin.createStatement()) {
      st.execute("SHUTDOWN");
    } finally {
      admin.close();
    }
  }
}
