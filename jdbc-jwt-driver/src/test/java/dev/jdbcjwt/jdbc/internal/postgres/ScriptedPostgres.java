package dev.jdbcjwt.jdbc.internal.postgres;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake PostgreSQL server on 127.0.0.1 that plays a script per connection, for testing the interposer with the real
 * pgjdbc: it answers SSLRequest/GSSENCRequest with 'N', records cancel requests and hands every other connection,
 * after its StartupMessage, to the script.
 */
final class ScriptedPostgres implements AutoCloseable {

  interface Script {
    void play(Session session) throws IOException;
  }

  private final ServerSocket server;
  private final Thread acceptor;
  final List<Throwable> failures = new CopyOnWriteArrayList<>();
  final AtomicInteger cancelRequests = new AtomicInteger();
  final AtomicInteger logins = new AtomicInteger();

  ScriptedPostgres(Script script) throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    acceptor = new Thread(() -> serve(script), "scripted-postgres");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  String url() {
    return "jdbc:jwt:postgresql://127.0.0.1:" + port() + "/db?sslmode=disable&socketTimeout=10&connectTimeout=5"
        + "&assumeMinServerVersion=18";
  }

  private void serve(Script script) {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        Thread session = new Thread(() -> play(socket, script), "scripted-postgres-session");
        session.setDaemon(true);
        session.start();
      } catch (IOException e) {
        if (!server.isClosed()) {
          failures.add(e);
        }
      }
    }
  }

  private void play(Socket accepted, Script script) {
    try (Socket socket = accepted) {
      socket.setSoTimeout(10_000);
      Session session = new Session(socket);
      if (session.startup()) {
        logins.incrementAndGet();
        script.play(session);
      }
    } catch (IOException | RuntimeException | AssertionError e) {
      failures.add(e);
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }

  /** One client connection. */
  final class Session {
    final DataInputStream in;
    final OutputStream out;
    final Map<String, String> parameters = new LinkedHashMap<>();

    Session(Socket socket) throws IOException {
      in = new DataInputStream(socket.getInputStream());
      out = socket.getOutputStream();
    }

    /** Reads untyped packets up to the StartupMessage; false for a cancel request. */
    boolean startup() throws IOException {
      while (true) {
        int length = in.readInt();
        int code = in.readInt();
        byte[] rest = in.readNBytes(length - 8);
        if (code == 80877103 || code == 80877104) {
          out.write('N');
          out.flush();
        } else if (code == 80877102) {
          cancelRequests.incrementAndGet();
          return false;
        } else {
          String[] parts = new String(rest, StandardCharsets.UTF_8).split("\0");
          for (int i = 0; i + 1 < parts.length; i += 2) {
            parameters.put(parts[i], parts[i + 1]);
          }
          return true;
        }
      }
    }

    /** Writes the messages in one write (coalesced). */
    void send(byte[]... messages) throws IOException {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      for (byte[] m : messages) {
        all.write(m);
      }
      out.write(all.toByteArray());
      out.flush();
    }

    /** Writes the messages one byte at a time (split into as many reads as possible). */
    void sendSplit(byte[]... messages) throws IOException {
      for (byte[] m : messages) {
        for (byte b : m) {
          out.write(b);
          out.flush();
        }
      }
    }

    /** The body of the next client message, which must be of {@code type}. */
    byte[] expect(char type) throws IOException {
      int t = in.readUnsignedByte();
      if (t != type) {
        throw new AssertionError("expected client message " + type + " but got " + (char) t);
      }
      return in.readNBytes(in.readInt() - 4);
    }

    /** Reads until the client closes (Terminate or end of stream); returns the message types seen. */
    String drain() throws IOException {
      StringBuilder types = new StringBuilder();
      try {
        while (true) {
          int t = in.read();
          if (t < 0) {
            return types.toString();
          }
          types.append((char) t);
          in.readNBytes(in.readInt() - 4);
          if (t == 'X') {
            return types.toString();
          }
        }
      } catch (IOException e) {
        return types.toString();
      }
    }
  }

  // ---- server messages ----

  static byte[] message(char type, byte[] body) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    DataOutputStream d = new DataOutputStream(b);
    try {
      d.writeByte(type);
      d.writeInt(4 + body.length);
      d.write(body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return b.toByteArray();
  }

  static byte[] auth(int code, byte[] rest) {
    byte[] body = new byte[4 + rest.length];
    body[0] = (byte) (code >>> 24);
    body[1] = (byte) (code >>> 16);
    body[2] = (byte) (code >>> 8);
    body[3] = (byte) code;
    System.arraycopy(rest, 0, body, 4, rest.length);
    return message('R', body);
  }

  static byte[] authSasl(String... mechanisms) {
    return auth(10, (String.join("\0", mechanisms) + "\0\0").getBytes(StandardCharsets.UTF_8));
  }

  static byte[] authOk() {
    return auth(0, new byte[0]);
  }

  static byte[] error(String sqlState, String text) {
    return message('E', ("SFATAL\0VFATAL\0C" + sqlState + "\0M" + text + "\0\0").getBytes(StandardCharsets.UTF_8));
  }

  static byte[] notice(String text) {
    return message('N', ("SNOTICE\0C00000\0M" + text + "\0\0").getBytes(StandardCharsets.UTF_8));
  }

  /** ParameterStatus for what pgjdbc checks, BackendKeyData and ReadyForQuery. */
  static byte[] ready() {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (String[] p : new String[][] {{"server_version", "18.1"}, {"client_encoding", "UTF8"},
        {"DateStyle", "ISO, MDY"}, {"integer_datetimes", "on"}, {"standard_conforming_strings", "on"},
        {"TimeZone", "UTC"}, {"is_superuser", "off"}, {"session_authorization", "app"}}) {
      all.writeBytes(message('S', (p[0] + "\0" + p[1] + "\0").getBytes(StandardCharsets.UTF_8)));
    }
    all.writeBytes(message('K', new byte[] {0, 0, 0, 42, 0, 0, 0, 7}));
    all.writeBytes(message('Z', new byte[] {'I'}));
    return all.toByteArray();
  }

  /** The token inside a SASLInitialResponse body, checking the mechanism and the RFC 7628 framing. */
  static String bearerToken(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    String mechanism = "OAUTHBEARER\0";
    if (!text.startsWith(mechanism)) {
      throw new AssertionError("not OAUTHBEARER");
    }
    int n = java.nio.ByteBuffer.wrap(body, mechanism.length(), 4).getInt();
    String response = new String(body, mechanism.length() + 4, n, StandardCharsets.UTF_8);
    String prefix = "n,,\u0001auth=Bearer ";
    if (!response.startsWith(prefix) || !response.endsWith("\u0001\u0001")) {
      throw new AssertionError("malformed OAUTHBEARER initial response");
    }
    return response.substring(prefix.length(), response.length() - 2);
  }
}
