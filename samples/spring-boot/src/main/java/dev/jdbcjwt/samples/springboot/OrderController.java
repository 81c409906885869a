package dev.jdbcjwt.samples.springboot;

import dev.jdbcjwt.jdbc.TokenConnection;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

/** Orders in the database, and what the current database session knows about its token (never the token). */
@RestController
class OrderController {

  record Order(long id, String item, int quantity, String createdBy, Instant createdAt) {
  }

  record NewOrder(String item, int quantity) {
  }

  record Session(String databaseUser, String tokenSubject, Instant tokenExpiresAt) {
  }

  private final JdbcClient jdbc;
  private final JdbcTemplate template;

  OrderController(JdbcClient jdbc, JdbcTemplate template) {
    this.jdbc = jdbc;
    this.template = template;
  }

  @GetMapping("/orders")
  List<Order> orders() {
    return jdbc.sql("select id, item, quantity, created_by, created_at from orders order by id")
        .query(Order.class).list();
  }

  @PostMapping("/orders")
  @ResponseStatus(HttpStatus.CREATED)
  Order create(@RequestBody NewOrder order) {
    return jdbc.sql("insert into orders (item, quantity) values (:item, :quantity) "
            + "returning id, item, quantity, created_by, created_at")
        .param("item", order.item())
        .param("quantity", order.quantity())
        .query(Order.class).single();
  }

  /** The database user of a pooled connection and the metadata of the token it logged in with. */
  @GetMapping("/session")
  Session session() {
    return template.execute((ConnectionCallback<Session>) connection -> {
      TokenConnection token = connection.unwrap(TokenConnection.class);
      try (Statement statement = connection.createStatement();
           ResultSet rs = statement.executeQuery("select current_user")) {
        rs.next();
        return new Session(rs.getString(1), token.tokenSubject().orElse(null), token.tokenExpiresAt());
      }
    });
  }
}
