package dev.jdbcjwt.jdbc.internal.postgres;

import dev.jdbcjwt.jdbc.internal.Errors;
import dev.jdbcjwt.token.config.PostgresOAuthMode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;

/**
 * Watches one socket's start-up conversation and answers OAUTHBEARER for pgjdbc. The output side reads the client's
 * untyped packets (SSLRequest, GSSENCRequest, CancelRequest, StartupMessage) to know what the server's next bytes
 * are; the input side then reads server messages until authentication ends: an AuthenticationSASL offering
 * OAUTHBEARER is answered here and never reaches pgjdbc, and so is the error challenge that follows a refused token
 * (the server's ErrorResponse then passes). AuthenticationOk, ErrorResponse, a password request that pgjdbc answers
 * itself, an encrypted channel or a cancel request switch both sides to pass-through: every later byte goes
 * straight to the socket, with no copy and no thread. Reads exact message lengths, so nothing is read ahead.
 */
final class StartupInterposer {

  private static final int SSL_REQUEST = 80877103;
  private static final int GSSENC_REQUEST = 80877104;
  private static final int CANCEL_REQUEST = 80877102;
  private static final int MAX_BUFFERED_MESSAGE = 64 * 1024;
  private static final int AUTH_OK = 0;
  private static final int AUTH_SASL = 10;
  private static final int AUTH_SASL_CONTINUE = 11;

  /** Waiting for the client's next untyped packet. */
  private static final int CLIENT_TURN = 0;
  /** The client asked for TLS or GSS encryption: the server answers one byte. */
  private static final int ONE_BYTE_ANSWER = 1;
  /** The StartupMessage went out: server messages until authentication ends. */
  private static final int AUTHENTICATING = 2;
  private static final int PASS = 3;

  private final InputStream rawIn;
  private final OutputStream rawOut;
  private final OAuthAttempt attempt;
  private final Input input = new Input();
  private final Output output = new Output();
  private volatile int state;
  private final byte[] header = new byte[8];
  private int headerFill;
  private byte[] pending = new byte[0];
  private int pendingPos;
  private boolean passAfterPending;

  /** {@code attempt} null: nothing to answer with, every byte passes (a factory used outside the driver). */
  StartupInterposer(InputStream rawIn, OutputStream rawOut, OAuthAttempt attempt) {
    this.rawIn = rawIn;
    this.rawOut = rawOut;
    this.attempt = attempt;
    this.state = attempt == null ? PASS : CLIENT_TURN;
  }

  InputStream input() {
    return input;
  }

  OutputStream output() {
    return output;
  }

  boolean passingThrough() {
    return state == PASS;
  }

  // ---- client side ----

  private void observe(byte[] b, int off, int len) {
    for (int i = off; i < off + len && state == CLIENT_TURN; i++) {
      if (headerFill == 0 && b[i] == 0x16) {
        state = PASS; // a TLS ClientHello: sslnegotiation=direct
        return;
      }
      header[headerFill++] = b[i];
      if (headerFill == header.length) {
        headerFill = 0;
        state = afterClientPacket(WireMessages.readInt(header, 0), WireMessages.readInt(header, 4));
      }
    }
  }

  private static int afterClientPacket(int length, int code) {
    if ((code == SSL_REQUEST || code == GSSENC_REQUEST) && length == 8) {
      return ONE_BYTE_ANSWER;
    }
    return (code >>> 16) == 3 ? AUTHENTICATING : PASS; // protocol 3.x StartupMessage; else CancelRequest or unknown
  }

  // ---- server side ----

  private int read(byte[] b, int off, int len) throws IOException {
    while (true) {
      int s = state;
      if (s == PASS || s == CLIENT_TURN || len == 0) {
        return rawIn.read(b, off, len);
      }
      if (s == ONE_BYTE_ANSWER) {
        int c = rawIn.read();
        if (c < 0) {
          return -1;
        }
        state = c == 'N' ? CLIENT_TURN : PASS; // 'S'/'G': an encrypted channel follows; 'E': an old server's error
        b[off] = (byte) c;
        return 1;
      }
      if (pendingPos < pending.length) {
        int n = Math.min(len, pending.length - pendingPos);
        System.arraycopy(pending, pendingPos, b, off, n);
        pendingPos += n;
        if (pendingPos == pending.length && passAfterPending) {
          state = PASS;
        }
        return n;
      }
      if (!nextServerMessage()) {
        state = PASS;
        return -1;
      }
    }
  }

  /** Reads one server message and decides: forward it (into {@link #pending}) or answer it. False at end of stream. */
  private boolean nextServerMessage() throws IOException {
    int type = rawIn.read();
    if (type < 0) {
      return false;
    }
    byte[] lengthBytes = WireMessages.readExactly(rawIn, 4);
    int length = WireMessages.readInt(lengthBytes, 0);
    int bodyLength = length - 4;
    if (bodyLength < 0) {
      throw protocolError("a server message of length " + length);
    }
    if (type == 'R' && bodyLength >= 4) {
      byte[] code = WireMessages.readExactly(rawIn, 4);
      authenticationRequest(type, lengthBytes, WireMessages.readInt(code, 0), code, bodyLength - 4);
      return true;
    }
    boolean staysInAuthentication = type == 'v' || type == 'N'; // NegotiateProtocolVersion, NoticeResponse
    if (bodyLength > MAX_BUFFERED_MESSAGE) {
      // the body flows through untouched
      forward(WireMessages.message(type, lengthBytes, new byte[0], new byte[0]), true);
      return true;
    }
    byte[] body = WireMessages.readExactly(rawIn, bodyLength);
    forward(WireMessages.message(type, lengthBytes, new byte[0], body), !staysInAuthentication);
    return true;
  }

  private void authenticationRequest(int type, byte[] lengthBytes, int code, byte[] codeBytes, int rest)
      throws IOException {
    PostgresOAuthMode mode = attempt.mode();
    if (code == AUTH_SASL_CONTINUE && attempt.answered()) {
      // the server's error JSON (discovery document, scope): nothing the driver needs
      WireMessages.skip(rawIn, rest);
      write(SaslOAuthBearer.abortResponse());
      return; // its ErrorResponse follows and goes to pgjdbc
    }
    if (code == AUTH_OK) {
      if (mode == PostgresOAuthMode.REQUIRE && !attempt.answered()) {
        throw refuse("the server let the user in without asking for a token (trust or peer authentication)");
      }
      forward(WireMessages.message(type, lengthBytes, codeBytes, WireMessages.readExactly(rawIn, rest)), true);
      return;
    }
    if (code == AUTH_SASL) {
      if (rest > MAX_BUFFERED_MESSAGE) {
        throw protocolError("an AuthenticationSASL message of " + rest + " bytes");
      }
      byte[] body = WireMessages.readExactly(rawIn, rest);
      List<String> mechanisms = SaslOAuthBearer.mechanisms(body);
      if (mechanisms.contains(SaslOAuthBearer.MECHANISM) && mode != PostgresOAuthMode.OFF) {
        answer();
        return;
      }
      if (mode == PostgresOAuthMode.OFF && mechanisms.equals(List.of(SaslOAuthBearer.MECHANISM))) {
        throw fail(Errors.configuration("the server asks for OAuth (SASL OAUTHBEARER) but jwt.postgresOAuth=off; "
            + "set jwt.postgresOAuth=auto (the default) so that the driver answers it with the token"));
      }
      if (mode == PostgresOAuthMode.REQUIRE) {
        throw refuse("the server asked for SASL " + String.join(", ", mechanisms));
      }
      forward(WireMessages.message(type, lengthBytes, codeBytes, body), true);
      return;
    }
    if (mode == PostgresOAuthMode.REQUIRE) {
      throw refuse("the server asked for " + WireMessages.authenticationName(code) + " authentication");
    }
    // pgjdbc answers; the rest flows through
    forward(WireMessages.message(type, lengthBytes, codeBytes, new byte[0]), true);
  }

  private void answer() throws IOException {
    String token = attempt.token();
    if (token == null) {
      throw new IOException("jdbc-jwt: the server asked for OAUTHBEARER after the connection attempt ended");
    }
    byte[] response = SaslOAuthBearer.initialResponse(token);
    try {
      attempt.markAnswered();
      write(response);
    } finally {
      Arrays.fill(response, (byte) 0);
    }
  }

  private IOException refuse(String what) {
    return fail(Errors.configuration("jwt.postgresOAuth=require but " + what + ", not OAUTHBEARER; the token is "
        + "not sent as a password. Give this user an 'oauth' line in the server's pg_hba.conf, or set "
        + "jwt.postgresOAuth=auto"));
  }

  private IOException fail(java.sql.SQLException error) {
    attempt.fail(error);
    state = PASS;
    return new IOException(error.getMessage());
  }

  private static IOException protocolError(String what) {
    return new IOException("jdbc-jwt: unexpected " + what + " during PostgreSQL authentication");
  }

  private void forward(byte[] message, boolean thenPass) {
    pending = message;
    pendingPos = 0;
    passAfterPending = thenPass;
  }

  private void write(byte[] bytes) throws IOException {
    synchronized (rawOut) {
      rawOut.write(bytes);
      rawOut.flush();
    }
  }

  /** The stream pgjdbc reads from. */
  private final class Input extends InputStream {
    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return state == PASS ? rawIn.read(b, off, len) : StartupInterposer.this.read(b, off, len);
    }

    @Override
    public int available() throws IOException {
      if (state == PASS) {
        return rawIn.available();
      }
      return pending.length - pendingPos;
    }

    @Override
    public void close() throws IOException {
      rawIn.close();
    }
  }

  /** The stream pgjdbc writes to. */
  private final class Output extends OutputStream {
    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (state == CLIENT_TURN) {
        observe(b, off, len);
      }
      rawOut.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      rawOut.flush();
    }

    @Override
    public void close() throws IOException {
      rawOut.close();
    }
  }
}
