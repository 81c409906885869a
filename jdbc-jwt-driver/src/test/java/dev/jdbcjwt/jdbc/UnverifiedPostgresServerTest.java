package dev.jdbcjwt.jdbc;

import com.nimbusds.jwt.SignedJWT;
import dev.jdbcjwt.jdbc.internal.ConnectEnvironment;
import dev.jdbcjwt.jdbc.internal.VendorDrivers;
import dev.jdbcjwt.token.cache.TokenCaches;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The attack the TLS rule stops: a server (or anyone in between) that declines TLS and asks for a cleartext password.
 * A fake PostgreSQL server on 127.0.0.1 answers SSLRequest with 'N' and then AuthenticationCleartextPassword, and
 * records what it receives. The real pgjdbc reaches it with the loopback exemption turned off (no host counts as
 * loopback), as if it were remote.
 */
class UnverifiedPostgresServerTest {

  private static final ConnectEnvironment NOTHING_IS_LOOPBACK =
      new ConnectEnvironment(host -> false, VendorDrivers::find);

  private FakeServer server;

  @BeforeEach
  void start() throws IOException {
    TokenCaches.clear();
    server = new FakeServer();
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
    TokenCaches.clear();
  }

  private String url() {
    return "jdbc:jwt:postgresql://127.0.0.1:" + server.port() + "/app?connectTimeout=5&socketTimeout=5";
  }

  @Test
  void aServerThatDeclinesTlsGetsNothing() throws Exception {
    JwtDriver driver = new JwtDriver(NOTHING_IS_LOOPBACK);
    assertThatThrownBy(() -> driver.connect(url(), SignedProperties.forApp()))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("sslmode=verify-full")
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo(SqlStates.BAD_CONFIGURATION));
    assertThat(server.connections()).as("no connection was even opened").isZero();
    assertThat(server.received()).isEmpty();
  }

  @Test
  void theControlWithTheOptOutTheSameServerReceivesTheTokenInClear() throws Exception {
    JwtDriver driver = new JwtDriver(NOTHING_IS_LOOPBACK);
    Properties p = SignedProperties.forApp();
    p.setProperty("jwt.allowUnverifiedTls", "true");
    assertThatThrownBy(() -> driver.connect(url(), p)).isInstanceOf(SQLException.class);
    String password = server.awaitPassword();
    assertThat(SignedJWT.parse(password).getJWTClaimsSet().getSubject())
        .as("what the opt-out risks: the token arrives in clear").isEqualTo("app");
  }

  /** Answers one protocol exchange per connection: SSLRequest → 'N', startup → cleartext password request. */
  private static final class FakeServer implements AutoCloseable {
    private final ServerSocket socket = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"));
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile String password;
    private final Thread thread = new Thread(this::serve, "fake-postgres");

    FakeServer() throws IOException {
      thread.setDaemon(true);
      thread.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    int connections() {
      return connections.get();
    }

    synchronized byte[] received() {
      return received.toByteArray();
    }

    String awaitPassword() throws InterruptedException {
      thread.join(10_000);
      return password;
    }

    private void serve() {
      try (Socket s = socket.accept()) {
        connections.incrementAndGet();
        s.setSoTimeout(5_000);
        DataInputStream in = new DataInputStream(s.getInputStream());
        DataOutputStream out = new DataOutputStream(s.getOutputStream());
        byte[] first = readStartup(in);
        if (first.length == 4 && (first[0] & 0xff) == 0x04 && (first[1] & 0xff) == 0xd2) { // SSLRequest 80877103
          out.write('N');
          out.flush();
          readStartup(in);
        }
        out.write('R');
        out.writeInt(8);
        out.writeInt(3); // AuthenticationCleartextPassword
        out.flush();
        if (in.read() == 'p') {
          byte[] body = new byte[in.readInt() - 4];
          in.readFully(body);
          record(body);
          password = new String(body, 0, body.length - 1, StandardCharsets.UTF_8);
        }
      } catch (IOException e) {
        // closed by the test, or the client went away
      }
    }

    private byte[] readStartup(DataInputStream in) throws IOException {
      int length = in.readInt();
      byte[] body = new byte[length - 4];
      in.readFully(body);
      record(body);
      return body;
    }

    private synchronized void record(byte[] bytes) {
      received.writeBytes(bytes);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
