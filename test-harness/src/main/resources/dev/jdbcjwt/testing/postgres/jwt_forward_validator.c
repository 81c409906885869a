/*
 * A PostgreSQL 18 OAuth validator module for the jdbc-jwt tests. It declares the few ABI structures it needs itself
 * (no server headers) and forwards each (role, token) to the test JVM over the Unix socket "jwt_validator.sock" in the
 * server's working directory (its data directory). Request: uint32 role length, role, uint32 token length, token
 * (network byte order). Answer: 'Y' + uint32 length + authenticated identity, or 'N'.
 * Build: gcc -O2 -fPIC -shared -o jwt_forward_validator.so jwt_forward_validator.c
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>

typedef struct {
  int version;
  int funcmaxargs;
  int indexmaxkeys;
  int namedatalen;
  int float8byval;
  char abi_extra[32];
} Pg_abi_values;

typedef struct {
  int len;
  Pg_abi_values abi_fields;
  const char *name;
  const char *version;
} Pg_magic_struct;

typedef struct {
  int sversion;
  void *private_data;
} ValidatorModuleState;

typedef struct {
  bool authorized;
  char *authn_id;
} ValidatorModuleResult;

typedef void (*ValidatorStartupCB) (ValidatorModuleState *state);
typedef void (*ValidatorShutdownCB) (ValidatorModuleState *state);
typedef bool (*ValidatorValidateCB) (const ValidatorModuleState *state, const char *token, const char *role,
                                     ValidatorModuleResult *result);

typedef struct {
  uint32_t magic;
  ValidatorStartupCB startup_cb;
  ValidatorShutdownCB shutdown_cb;
  ValidatorValidateCB validate_cb;
} OAuthValidatorCallbacks;

extern char *pstrdup(const char *in);

static const Pg_magic_struct magic = {
  sizeof(Pg_magic_struct), {1800, 100, 32, 64, 1, "PostgreSQL"}, "jwt_forward_validator", "1"
};

const Pg_magic_struct *Pg_magic_func(void) {
  return &magic;
}

static bool write_all(int fd, const void *data, size_t n) {
  const char *p = data;
  while (n > 0) {
    ssize_t w = write(fd, p, n);
    if (w <= 0) {
      return false;
    }
    p += w;
    n -= (size_t) w;
  }
  return true;
}

static bool read_all(int fd, void *data, size_t n) {
  char *p = data;
  while (n > 0) {
    ssize_t r = read(fd, p, n);
    if (r <= 0) {
      return false;
    }
    p += r;
    n -= (size_t) r;
  }
  return true;
}

static bool send_text(int fd, const char *text) {
  uint32_t len = htonl((uint32_t) strlen(text));
  return write_all(fd, &len, sizeof len) && write_all(fd, text, strlen(text));
}

static bool validate(const ValidatorModuleState *state, const char *token, const char *role,
                     ValidatorModuleResult *result) {
  (void) state;
  result->authorized = false;
  result->authn_id = NULL;
  int fd = socket(AF_UNIX, SOCK_STREAM, 0);
  if (fd < 0) {
    return false;
  }
  struct timeval timeout = {10, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
  struct sockaddr_un address;
  memset(&address, 0, sizeof address);
  address.sun_family = AF_UNIX;
  strcpy(address.sun_path, "jwt_validator.sock");
  bool ok = connect(fd, (struct sockaddr *) &address, sizeof address) == 0
      && send_text(fd, role) && send_text(fd, token);
  char answer = 0;
  ok = ok && read_all(fd, &answer, 1);
  if (ok && answer == 'Y') {
    uint32_t len = 0;
    ok = read_all(fd, &len, sizeof len);
    len = ntohl(len);
    char *id = ok && len < 4096 ? calloc(len + 1, 1) : NULL;
    ok = id != NULL && read_all(fd, id, len);
    if (ok) {
      result->authn_id = pstrdup(id);
      result->authorized = true;
    }
    free(id);
  }
  close(fd);
  return ok;
}

static const OAuthValidatorCallbacks callbacks = {0x20250220, NULL, NULL, validate};

const OAuthValidatorCallbacks *_PG_oauth_validator_module_init(void) {
  return &callbacks;
}
