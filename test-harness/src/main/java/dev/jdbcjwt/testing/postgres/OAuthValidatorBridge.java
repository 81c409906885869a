package dev.jdbcjwt.testing.postgres;

import dev.jdbcjwt.testing.JwtValidator;
import dev.jdbcjwt.testing.TrustPolicy;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Java half of the test OAuth validator module: PostgreSQL 18's {@code jwt_forward_validator.so} sends each
 * {@code (role, token)} over a Unix socket in the data directory, and this bridge answers with {@link JwtValidator}'s
 * verdict (yes plus the authenticated identity, which is the role; or no). Like {@link JwtLdapBridge} it counts
 * logins per user, keeps the last rejection reason (never the token) and can switch trust at runtime.
 */
public final class OAuthValidatorBridge implements AutoCloseable {

  /** The socket's file name; the C module connects to it relative to the server's working directory. */
  static final String SOCKET_NAME = "jwt_validator.sock";
  private static final int MAX_FIELD_BYTES = 1024 * 1024;

  private final ServerSocketChannel server;
  private final Path socket;
  private final AtomicReference<JwtValidator> validator;
  private final BindLedger ledger = new BindLedger();
  private final Thread acceptor;

  private OAuthValidatorBridge(ServerSocketChannel server, Path socket, JwtValidator validator) {
    this.server = server;
    this.socket = socket;
    this.validator = new AtomicReference<>(validator);
    this.acceptor = new Thread(this::serve, "pg18-oauth-validator-bridge");
    this.acceptor.setDaemon(true);
  }

  /** Listens on {@code <dir>/}{@value #SOCKET_NAME}, readable and writable by the server account. */
  static OAuthValidatorBridge start(Path dir, ServerAccount account, TrustPolicy policy) {
    Path socket = dir.resolve(SOCKET_NAME);
    try {
      ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      server.bind(UnixDomainSocketAddress.of(socket));
      Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
      account.own(socket);
      OAuthValidatorBridge bridge = new OAuthValidatorBridge(server, socket, new JwtValidator(policy));
      bridge.acceptor.start();
      return bridge;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + socket, e);
    }
  }

  /** From now on, trust {@code policy} instead (the database's trusted keys rotate); sessions stay. */
  public void trust(TrustPolicy policy) {
    validator.set(new JwtValidator(policy));
  }

  public long successfulLogins() {
    return ledger.succeeded();
  }

  public long failedLogins() {
    return ledger.failed();
  }

  public long successfulLogins(String user) {
    return ledger.succeeded(user);
  }

  public long failedLogins(String user) {
    return ledger.failed(user);
  }

  /** Why the last refused login of {@code user} was refused; empty if none was. Never contains the token. */
  public Optional<String> lastRejection(String user) {
    return ledger.lastRejection(user);
  }

  private void serve() {
    while (server.isOpen()) {
      try (SocketChannel client = server.accept()) {
        answer(Channels.newInputStream(client), Channels.newOutputStream(client));
      } catch (ClosedChannelException closed) {
        return;
      } catch (IOException | RuntimeException e) {
        // one broken exchange (the server gave up on it); the module reports it as an internal error
      }
    }
  }

  private void answer(InputStream rawIn, OutputStream rawOut) throws IOException {
    DataInputStream in = new DataInputStream(rawIn);
    String role = readField(in);
    String token = readField(in);
    Optional<String> rejection = validator.get().rejectionReason(role, token);
    DataOutputStream out = new DataOutputStream(rawOut);
    if (rejection.isPresent()) {
      ledger.failure(role, rejection.get());
      out.writeByte('N');
    } else {
      ledger.success(role);
      byte[] id = role.getBytes(StandardCharsets.UTF_8);
      out.writeByte('Y');
      out.writeInt(id.length);
      out.write(id);
    }
    out.flush();
  }

  private static String readField(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > MAX_FIELD_BYTES) {
      throw new IOException("field of " + length + " bytes");
    }
    return new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    try {
      server.close();
      Files.deleteIfExists(socket);
    } catch (IOException e) {
      // the data directory is deleted with it
    }
  }

  @Override
  public String toString() {
    return "OAuthValidatorBridge[" + socket + "]";
  }
}
