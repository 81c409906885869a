package dev.jdbcjwt.benchmarks.micro;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A scripted PostgreSQL start-up on 127.0.0.1 for the interposer's microbenchmark: it reads the StartupMessage,
 * asks for nothing ({@link Kind#TRUST}), a cleartext password ({@link Kind#PASSWORD}: one round trip, like
 * OAUTHBEARER) or OAUTHBEARER, then sends what pgjdbc needs to finish connecting and waits for Terminate. One
 * connection at a time, on one daemon thread; checks nothing (the tests do).
 */
final class ScriptedAuthServer implements AutoCloseable {

  enum Kind { TRUST, PASSWORD, OAUTHBEARER }

  private static final byte[] READY = ready();

  private final ServerSocket server;
  private final Kind kind;

  ScriptedAuthServer(Kind kind) throws IOException {
    this.kind = kind;
    this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    Thread thread = new Thread(this::serve, "scripted-auth-" + kind);
    thread.setDaemon(true);
    thread.start();
  }

  String url(String scheme) {
    return "jdbc:" + scheme + "postgresql://127.0.0.1:" + server.getLocalPort()
        + "/db?sslmode=disable&assumeMinServerVersion=18";
  }

  private void serve() {
    while (!server.isClosed()) {
      try (Socket s = server.accept()) {
        s.setTcpNoDelay(true);
        DataInputStream in = new DataInputStream(s.getInputStream());
        OutputStream out = s.getOutputStream();
        in.readNBytes(in.readInt() - 4); // StartupMessage
        if (kind == Kind.PASSWORD) {
          out.write(auth(3, new byte[0]));
          out.flush();
          skipMessage(in);
        } else if (kind == Kind.OAUTHBEARER) {
          out.write(auth(10, "OAUTHBEARER\0\0".getBytes(StandardCharsets.US_ASCII)));
          out.flush();
          skipMessage(in);
        }
        out.write(READY);
        out.flush();
        while (in.read() >= 0) {
          in.readNBytes(in.readInt() - 4); // until Terminate and the end of the stream
        }
      } catch (IOException e) {
        // the client went away; take the next one
      }
    }
  }

  private static void skipMessage(DataInputStream in) throws IOException {
    in.readUnsignedByte();
    in.readNBytes(in.readInt() - 4);
  }

  private static byte[] auth(int code, byte[] rest) {
    return message('R', concat(new byte[] {(byte) (code >>> 24), (byte) (code >>> 16), (byte) (code >>> 8),
        (byte) code}, rest));
  }

  private static byte[] message(char type, byte[] body) {
    int n = body.length + 4;
    return concat(new byte[] {(byte) type, (byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n}, body);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = new byte[a.length + b.length];
    System.arraycopy(a, 0, c, 0, a.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  private static byte[] ready() {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.writeBytes(auth(0, new byte[0]));
    for (String[] p : new String[][] {{"server_version", "18.1"}, {"client_encoding", "UTF8"},
        {"DateStyle", "ISO, MDY"}, {"integer_datetimes", "on"}, {"standard_conforming_strings", "on"}}) {
      all.writeBytes(message('S', (p[0] + "\0" + p[1] + "\0").getBytes(StandardCharsets.UTF_8)));
    }
    all.writeBytes(message('K', new byte[] {0, 0, 0, 1, 0, 0, 0, 2}));
    all.writeBytes(message('Z', new byte[] {'I'}));
    return all.toByteArray();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
