package dev.jdbcjwt.jdbc.internal.postgres;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Properties;

import javax.net.SocketFactory;

/**
 * pgjdbc's {@code socketFactory} while jdbc-jwt connects: sockets from the user's own factory (the driver moved a
 * {@code socketFactory} setting here) or the JVM's default, with their streams interposed for OAUTHBEARER. pgjdbc
 * instantiates it with the connection's {@code Properties}; it keeps it for cancel requests, which pass untouched.
 * Internal: set by the driver, not by users.
 */
public final class OAuthSocketFactory extends SocketFactory {

  private static final String ARG_PROPERTY = "socketFactoryArg";

  private final SocketFactory delegate;
  private final OAuthAttempt attempt;

  public OAuthSocketFactory(Properties info) {
    this.attempt = OAuthAttempt.find(info);
    String delegateClass = attempt == null ? null : attempt.socketFactoryDelegate();
    this.delegate = delegateClass == null ? SocketFactory.getDefault()
        : Delegates.instantiate(SocketFactory.class, delegateClass, info, ARG_PROPERTY);
  }

  SocketFactory delegate() {
    return delegate;
  }

  @Override
  public Socket createSocket() throws IOException {
    return new InterposedSocket(delegate.createSocket(), attempt);
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return new InterposedSocket(delegate.createSocket(host, port), attempt);
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    return new InterposedSocket(delegate.createSocket(host, port, localHost, localPort), attempt);
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return new InterposedSocket(delegate.createSocket(host, port), attempt);
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return new InterposedSocket(delegate.createSocket(address, port, localAddress, localPort), attempt);
  }
}
