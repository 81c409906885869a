package dev.jdbcjwt.jdbc.internal.postgres;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The client's messages of SASL OAUTHBEARER in PostgreSQL's protocol (RFC 7628 inside SASLInitialResponse). */
final class SaslOAuthBearer {

  static final String MECHANISM = "OAUTHBEARER";
  private static final byte[] MECHANISM_NUL = (MECHANISM + "\0").getBytes(StandardCharsets.US_ASCII);
  /** The answer to the server's error challenge: a lone 0x01, as RFC 7628 section 3.2.3 asks. */
  private static final byte[] ABORT = {'p', 0, 0, 0, 5, 1};

  private SaslOAuthBearer() {
  }

  /** {@code 'p'}, length, {@code "OAUTHBEARER\0"}, n, {@code n,,\x01auth=Bearer <token>\x01\x01}. The caller wipes it. */
  static byte[] initialResponse(String token) {
    byte[] prefix = "n,,\u0001auth=Bearer ".getBytes(StandardCharsets.US_ASCII);
    byte[] value = token.getBytes(StandardCharsets.UTF_8);
    int n = prefix.length + value.length + 2;
    ByteBuffer out = ByteBuffer.allocate(1 + 4 + MECHANISM_NUL.length + 4 + n);
    out.put((byte) 'p').putInt(4 + MECHANISM_NUL.length + 4 + n).put(MECHANISM_NUL).putInt(n)
        .put(prefix).put(value).put((byte) 1).put((byte) 1);
    java.util.Arrays.fill(value, (byte) 0);
    return out.array();
  }

  static byte[] abortResponse() {
    return ABORT.clone();
  }

  /** The mechanism names of an AuthenticationSASL body (after the code): NUL-terminated, ending with an empty one. */
  static List<String> mechanisms(byte[] body) {
    List<String> names = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < body.length; i++) {
      if (body[i] == 0) {
        if (i == start) {
          break;
        }
        names.add(new String(body, start, i - start, StandardCharsets.UTF_8));
        start = i + 1;
      }
    }
    return names;
  }
}
