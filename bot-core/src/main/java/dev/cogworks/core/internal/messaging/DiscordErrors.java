package dev.cogworks.core.internal.messaging;

import dev.cogworks.api.messaging.DiscordRequestException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.HierarchyException;
import net.dv8tion.jda.api.exceptions.InsufficientPermissionException;

/**
 * Turns what JDA throws into the one error type cogs see. JDA refuses some requests itself before
 * sending them (hierarchy, missing permission); those become the 403/50013 Discord would answer.
 */
public final class DiscordErrors {
  private DiscordErrors() {}

  static Throwable translate(Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof DiscordRequestException) {
      return cause;
    }
    if (cause instanceof ErrorResponseException e) {
      int status = e.getResponse() == null ? 0 : e.getResponse().code;
      if (e.isServerError() && status == 0) {
        status = 500;
      }
      return new DiscordRequestException(status, e.getErrorCode(), e.getMeaning());
    }
    if (cause instanceof HierarchyException || cause instanceof InsufficientPermissionException) {
      return new DiscordRequestException(
          403, DiscordRequestException.MISSING_PERMISSIONS, cause.getMessage());
    }
    return cause;
  }

  public static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
