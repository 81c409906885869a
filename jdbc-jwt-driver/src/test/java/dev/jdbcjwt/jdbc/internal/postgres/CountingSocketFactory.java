package dev.jdbcjwt.jdbc.internal.postgres;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.SocketFactory;

/** A user's own pgjdbc {@code socketFactory} (no-argument constructor) that counts the sockets it makes. */
public final class CountingSocketFactory extends SocketFactory {

  static final AtomicInteger SOCKETS = new AtomicInteger();

  @Override
  public Socket createSocket() {
    SOCKETS.incrementAndGet();
    return new Socket();
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    SOCKETS.incrementAndGet();
    return new Socket(host, port);
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    SOCKETS.incrementAndGet();
    return new Socket(host, port, localHost, localPort);
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    SOCKETS.incrementAndGet();
    return new Socket(host, port);
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    SOCKETS.incrementAndGet();
    return new Socket(address, port, localAddress, localPort);
  }
}
