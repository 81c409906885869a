package dev.jdbcjwt.jdbc.internal;

import dev.jdbcjwt.jdbc.TokenConnection;
import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.cache.Scheduler;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The connection the driver returns: the vendor's connection plus the token it logged in with. Intercepts only
 * {@code isValid}, {@code close}, {@code abort}, {@code unwrap} and {@code isWrapperFor}; everything else goes straight
 * to the vendor's connection.
 */
public final class JwtConnection extends DelegatingConnection implements TokenConnection {

  private static final System.Logger LOG = System.getLogger("dev.jdbcjwt.jdbc");

  /** {@code jwt.onExpiry}. */
  public enum OnExpiry {
    EVICT, CLOSE, NONE;

    public static OnExpiry parse(String text) {
      return valueOf(text.toUpperCase(Locale.ROOT));
    }
  }

  private final Token token;
  private final Instant usableUntil;
  private final OnExpiry onExpiry;
  private final Clock clock;
  private final Scheduler.Cancellable closer;

  public JwtConnection(Connection delegate, Token token, Duration clockSkew, OnExpiry onExpiry, Clock clock,
      Scheduler scheduler, Executor executor) {
    super(delegate);
    this.token = token;
    this.usableUntil = token.hasKnownExpiry() ? token.expiresAt().minus(clockSkew) : Instant.MAX;
    this.onExpiry = onExpiry;
    this.clock = clock;
    this.closer = onExpiry == OnExpiry.CLOSE && token.hasKnownExpiry()
        ? scheduler.schedule(() -> abortAtExpiry(executor), Duration.between(clock.instant(), token.expiresAt()))
        : null;
  }

  private void abortAtExpiry(Executor executor) {
    try {
      if (!delegate.isClosed()) {
        LOG.log(System.Logger.Level.DEBUG, "jdbc-jwt: closing a connection of {0} at its token''s expiry "
            + "(jwt.onExpiry=close)", token.subject().orElse("unknown subject"));
        delegate.abort(executor);
      }
    } catch (SQLException | RuntimeException e) {
      LOG.log(System.Logger.Level.DEBUG, "jdbc-jwt: aborting an expired connection failed: {0}", e.toString());
    }
  }

  @Override
  public boolean isValid(int timeout) throws SQLException {
    if (onExpiry != OnExpiry.NONE && !clock.instant().isBefore(usableUntil)) {
      return false;
    }
    return delegate.isValid(timeout);
  }

  @Override
  public void close() throws SQLException {
    cancelCloser();
    delegate.close();
  }

  @Override
  public void abort(Executor executor) throws SQLException {
    cancelCloser();
    delegate.abort(executor);
  }

  private void cancelCloser() {
    if (closer != null) {
      closer.cancel();
    }
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    if (iface.isInstance(delegate)) {
      return iface.cast(delegate);
    }
    return delegate.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || iface.isInstance(delegate) || delegate.isWrapperFor(iface);
  }

  @Override
  public Instant tokenExpiresAt() {
    return token.expiresAt();
  }

  @Override
  public Instant tokenUsableUntil() {
    return usableUntil;
  }

  @Override
  public Optional<String> tokenSubject() {
    return token.subject();
  }

  @Override
  public Optional<String> tokenKeyId() {
    return token.keyId();
  }

  @Override
  public boolean isTokenExpired() {
    return !clock.instant().isBefore(usableUntil);
  }

  @Override
  public String toString() {
    return "JwtConnection[" + delegate + ", token " + token + "]";
  }
}
