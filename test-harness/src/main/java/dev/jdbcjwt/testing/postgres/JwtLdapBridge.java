package dev.jdbcjwt.testing.postgres;

import com.unboundid.ldap.listener.LDAPListener;
import com.unboundid.ldap.listener.LDAPListenerConfig;

import dev.jdbcjwt.testing.JwtValidator;
import dev.jdbcjwt.testing.TrustPolicy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.Optional;

/**
 * An LDAP listener on 127.0.0.1 (free port) that turns PostgreSQL's {@code ldap} authentication into JWT
 * validation: a simple bind as {@code cn=<user>,dc=jwt,dc=test} succeeds when the password is a token that
 * {@link JwtValidator} accepts for that user, and fails with invalidCredentials (49) otherwise.
 *
 * <p>Counts successful and failed binds (overall and per user) and keeps each user's last rejection reason,
 * never the token.
 */
public final class JwtLdapBridge implements AutoCloseable {

  /** What PostgreSQL's {@code ldapprefix} must be. */
  public static final String DN_PREFIX = "cn=";
  /** What PostgreSQL's {@code ldapsuffix} must be. */
  public static final String DN_SUFFIX = ",dc=jwt,dc=test";

  private static final String HOST = "127.0.0.1";
  private static final int MAX_MESSAGE_BYTES = 1024 * 1024;

  private final LDAPListener listener;
  private final int port;
  private final BindLedger ledger;
  private final java.util.concurrent.atomic.AtomicReference<JwtValidator> validator;

  private JwtLdapBridge(LDAPListener listener, BindLedger ledger,
      java.util.concurrent.atomic.AtomicReference<JwtValidator> validator) {
    this.listener = listener;
    this.port = listener.getListenPort();
    this.ledger = ledger;
    this.validator = validator;
  }

  /**
   * From now on, trust {@code policy} instead (the database's trusted keys rotate). Logins already made are
   * unaffected, as with a real database.
   */
  public void trust(TrustPolicy policy) {
    validator.set(new JwtValidator(policy));
  }

  public static JwtLdapBridge start(TrustPolicy policy) {
    return start(new JwtValidator(policy));
  }

  public static JwtLdapBridge start(JwtValidator validator) {
    BindLedger ledger = new BindLedger();
    java.util.concurrent.atomic.AtomicReference<JwtValidator> current =
        new java.util.concurrent.atomic.AtomicReference<>(validator);
    LDAPListenerConfig config = new LDAPListenerConfig(0, new JwtBindHandler(current::get, ledger));
    try {
      config.setListenAddress(InetAddress.getByName(HOST));
      config.setMaxMessageSizeBytes(MAX_MESSAGE_BYTES);
      LDAPListener listener = new LDAPListener(config);
      listener.setDaemon(true); // never keeps the JVM alive; its connection threads inherit this
      listener.startListening();
      return new JwtLdapBridge(listener, ledger, current);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the LDAP bridge on " + HOST, e);
    }
  }

  /** The bind DN PostgreSQL sends for {@code user}. */
  public static String bindDn(String user) {
    return DN_PREFIX + user + DN_SUFFIX;
  }

  public String host() {
    return HOST;
  }

  /** The port it listens (or, once closed, listened) on. */
  public int port() {
    return port;
  }

  public long successfulBinds() {
    return ledger.succeeded();
  }

  public long failedBinds() {
    return ledger.failed();
  }

  public long successfulBinds(String user) {
    return ledger.succeeded(user);
  }

  public long failedBinds(String user) {
    return ledger.failed(user);
  }

  /** Why the last failed bind of {@code user} failed; empty if none has. Never contains the token. */
  public Optional<String> lastRejection(String user) {
    return ledger.lastRejection(user);
  }

  @Override
  public void close() {
    listener.shutDown(true);
  }

  @Override
  public String toString() {
    return "JwtLdapBridge[" + HOST + ":" + port + "]";
  }
}
