package dev.cogworks.core.internal.admin;

import dev.cogworks.core.internal.config.CogworksConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The bearer token of the admin server: {@code ADMIN_TOKEN} from the environment, else the one in
 * {@code admin.token_file}, generated at first start and readable by its owner alone. It is
 * compared in constant time and never logged; {@link #toString()} hides it.
 */
public final class AdminToken {
  private final byte[] value;
  private final boolean fromEnvironment;

  private AdminToken(String value, boolean fromEnvironment) {
    this.value = value.getBytes(StandardCharsets.UTF_8);
    this.fromEnvironment = fromEnvironment;
  }

  public static AdminToken resolve(CogworksConfig.Admin config) {
    if (config.hasEnvironmentToken()) {
      return new AdminToken(config.token().strip(), true);
    }
    try {
      return new AdminToken(readOrCreate(config.tokenFile()), false);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read or create the admin token file " + config.tokenFile(), e);
    }
  }

  private static String readOrCreate(Path file) throws IOException {
    if (Files.exists(file)) {
      String stored = Files.readString(file).strip();
      if (!stored.isEmpty()) {
        return stored;
      }
    }
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path temp = parent.resolve(file.getFileName() + ".new");
    Files.deleteIfExists(temp);
    boolean posix = parent.getFileSystem().supportedFileAttributeViews().contains("posix");
    Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
    try {
      // Created owner-only from the start: never readable by others, even for a moment.
      if (posix) {
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(ownerOnly));
      } else {
        Files.createFile(temp);
      }
    } catch (FileAlreadyExistsException e) {
      throw new IOException("another process is creating " + file, e);
    }
    Files.writeString(temp, token + "\n", StandardOpenOption.TRUNCATE_EXISTING);
    Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return token;
  }

  /** Whether {@code presented} is the token, in time that does not depend on where it differs. */
  public boolean matches(String presented) {
    return presented != null
        && MessageDigest.isEqual(value, presented.getBytes(StandardCharsets.UTF_8));
  }

  /** Whether it came from {@code ADMIN_TOKEN} rather than the token file. */
  public boolean fromEnvironment() {
    return fromEnvironment;
  }

  /** The token itself: only for the sandbox, which prints it once on its own console. */
  public String reveal() {
    return new String(value, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "AdminToken[hidden]";
  }
}
