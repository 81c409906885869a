package dev.jdbcjwt.testing.postgres;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A minimal PostgreSQL client that logs in with SASL OAUTHBEARER, for testing the server without the driver: the
 * outcome is "ok", or the server's SQLSTATE and message; {@link #mechanisms} holds what the server offered.
 */
final class RawOAuthClient {

  record Outcome(String sqlState, String message, String mechanisms, String challenge) {
    boolean ok() {
      return sqlState == null;
    }
  }

  private RawOAuthClient() {
  }

  static Outcome login(int port, String user, String database, String token, Path tlsRoot) throws Exception {
    try (Socket plain = new Socket("127.0.0.1", port)) {
      plain.setSoTimeout(10_000);
      Socket socket = tlsRoot == null ? plain : startTls(plain, port, tlsRoot);
      return exchange(new DataInputStream(socket.getInputStream()), socket.getOutputStream(), user, database, token);
    }
  }

  private static Socket startTls(Socket plain, int port, Path root) throws Exception {
    DataOutputStream out = new DataOutputStream(plain.getOutputStream());
    out.writeInt(8);
    out.writeInt(80877103);
    out.flush();
    if (plain.getInputStream().read() != 'S') {
      throw new IOException("the server refused TLS");
    }
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (InputStream in = java.nio.file.Files.newInputStream(root)) {
      trust.setCertificateEntry("root", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, "127.0.0.1", port, true);
    tls.startHandshake();
    return tls;
  }

  private static Outcome exchange(DataInputStream in, OutputStream rawOut, String user, String database,
      String token) throws IOException {
    DataOutputStream out = new DataOutputStream(rawOut);
    byte[] params = ("user\0" + user + "\0database\0" + database + "\0\0").getBytes(StandardCharsets.UTF_8);
    out.writeInt(8 + params.length);
    out.writeInt(196608);
    out.write(params);
    out.flush();
    String mechanisms = null;
    String challenge = null;
    while (true) {
      int type = in.readUnsignedByte();
      byte[] body = in.readNBytes(in.readInt() - 4);
      if (type == 'E') {
        return new Outcome(field(body, 'C'), field(body, 'M'), mechanisms, challenge);
      }
      if (type != 'R') {
        continue;
      }
      int code = java.nio.ByteBuffer.wrap(body).getInt();
      if (code == 0) {
        return new Outcome(null, null, mechanisms, challenge);
      } else if (code == 10) {
        mechanisms = new String(body, 4, body.length - 4, StandardCharsets.UTF_8).replace('\0', ' ').trim();
        byte[] response = ("n,,\u0001auth=Bearer " + token + "\u0001\u0001").getBytes(StandardCharsets.UTF_8);
        byte[] mechanism = "OAUTHBEARER\0".getBytes(StandardCharsets.UTF_8);
        out.writeByte('p');
        out.writeInt(4 + mechanism.length + 4 + response.length);
        out.write(mechanism);
        out.writeInt(response.length);
        out.write(response);
        out.flush();
      } else if (code == 11) {
        challenge = new String(body, 4, body.length - 4, StandardCharsets.UTF_8);
        out.writeByte('p');
        out.writeInt(5);
        out.writeByte(1);
        out.flush();
      } else {
        return new Outcome("client", "unexpected authentication request " + code, mechanisms, challenge);
      }
    }
  }

  private static String field(byte[] body, char code) {
    int i = 0;
    while (i < body.length && body[i] != 0) {
      int end = i + 1;
      while (body[end] != 0) {
        end++;
      }
      if (body[i] == code) {
        return new String(body, i + 1, end - i - 1, StandardCharsets.UTF_8);
      }
      i = end + 1;
    }
    return null;
  }

}
