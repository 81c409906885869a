package dev.jdbcjwt.jdbc.internal.postgres;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reading and framing for {@link StartupInterposer}: the big-endian integers of the PostgreSQL wire protocol, exact
 * reads and skips of a server message's bytes (never reading ahead), the bytes of a message to hand on, and the
 * names of authentication requests.
 */
final class WireMessages {

  private WireMessages() {
  }

  /** The big-endian 32-bit integer at {@code at}. */
  static int readInt(byte[] b, int at) {
    return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
  }

  /** A whole message: the type byte, its length field as read, the authentication code (or none) and the body. */
  static byte[] message(int type, byte[] length, byte[] code, byte[] body) {
    byte[] m = new byte[1 + 4 + code.length + body.length];
    m[0] = (byte) type;
    System.arraycopy(length, 0, m, 1, 4);
    System.arraycopy(code, 0, m, 5, code.length);
    System.arraycopy(body, 0, m, 5 + code.length, body.length);
    return m;
  }

  /** Exactly {@code n} bytes of {@code in}; EOFException when the server closes first. */
  static byte[] readExactly(InputStream in, int n) throws IOException {
    byte[] b = in.readNBytes(n);
    if (b.length < n) {
      throw new EOFException("jdbc-jwt: the server closed the connection during authentication");
    }
    return b;
  }

  /** Reads and drops exactly {@code n} bytes of {@code in}; EOFException when the server closes first. */
  static void skip(InputStream in, int n) throws IOException {
    byte[] scratch = new byte[Math.min(n, 8192)];
    int left = n;
    while (left > 0) {
      int r = in.read(scratch, 0, Math.min(left, scratch.length));
      if (r < 0) {
        throw new EOFException("jdbc-jwt: the server closed the connection during authentication");
      }
      left -= r;
    }
  }

  /** What an AuthenticationRequest {@code code} asks for, for messages: e.g. "MD5 password". */
  static String authenticationName(int code) {
    switch (code) {
      case 3:
        return "password (cleartext)";
      case 5:
        return "MD5 password";
      case 7:
        return "GSSAPI";
      case 9:
        return "SSPI";
      default:
        return "type " + code;
    }
  }
}
