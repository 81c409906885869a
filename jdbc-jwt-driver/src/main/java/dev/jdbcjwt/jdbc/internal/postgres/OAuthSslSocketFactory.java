package dev.jdbcjwt.jdbc.internal.postgres;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Properties;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * pgjdbc's {@code sslfactory} while jdbc-jwt connects: the TLS socket comes from the user's factory (moved here by
 * the driver) or pgjdbc's own {@code LibPQFactory}, so sslmode, sslrootcert, client certificates and hostname
 * verification behave exactly as without jdbc-jwt; only its decrypted streams are interposed for OAUTHBEARER.
 * Internal: set by the driver, not by users.
 */
public final class OAuthSslSocketFactory extends SSLSocketFactory {

  private static final String ARG_PROPERTY = "sslfactoryarg";

  private final SSLSocketFactory delegate;
  private final OAuthAttempt attempt;

  public OAuthSslSocketFactory(Properties info) {
    this.attempt = OAuthAttempt.find(info);
    String delegateClass = attempt == null || attempt.sslFactoryDelegate() == null
        ? PostgresHooks.DEFAULT_SSL_FACTORY : attempt.sslFactoryDelegate();
    this.delegate = Delegates.instantiate(SSLSocketFactory.class, delegateClass, info, ARG_PROPERTY);
  }

  SSLSocketFactory delegate() {
    return delegate;
  }

  @Override
  public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
    return wrap(delegate.createSocket(s, host, port, autoClose));
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return wrap(delegate.createSocket(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    return wrap(delegate.createSocket(host, port, localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return wrap(delegate.createSocket(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return wrap(delegate.createSocket(address, port, localAddress, localPort));
  }

  @Override
  public String[] getDefaultCipherSuites() {
    return delegate.getDefaultCipherSuites();
  }

  @Override
  public String[] getSupportedCipherSuites() {
    return delegate.getSupportedCipherSuites();
  }

  private Socket wrap(Socket socket) {
    return socket instanceof SSLSocket
        ? new InterposedSslSocket((SSLSocket) socket, attempt, this::throwKeyManagerException) : socket;
  }

  /**
   * pgjdbc asks its own LibPQFactory, after the handshake, for a client-key error it could not throw during it
   * ({@code throwKeyManagerException}); it cannot see through this factory, so the TLS socket asks on its behalf.
   */
  private void throwKeyManagerException() {
    Method check;
    try {
      check = delegate.getClass().getMethod("throwKeyManagerException");
    } catch (NoSuchMethodException notLibPq) {
      return;
    }
    try {
      check.invoke(delegate);
    } catch (InvocationTargetException e) {
      throw new UncheckedSslException(new SSLException(e.getCause().getMessage(), e.getCause()));
    } catch (IllegalAccessException e) {
      // not accessible: nothing to report
    }
  }

  /** Carries the key manager's error out of the handshake hook; unwrapped by {@link InterposedSslSocket}. */
  static final class UncheckedSslException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UncheckedSslException(SSLException cause) {
      super(cause.getMessage(), cause);
    }

    SSLException sslException() {
      return (SSLException) getCause();
    }
  }
}
