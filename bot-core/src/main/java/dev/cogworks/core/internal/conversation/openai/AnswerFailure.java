package dev.cogworks.core.internal.conversation.openai;

import dev.cogworks.api.conversation.AssistantException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;

/**
 * Why no answer came: what the person is told ({@link #forUser()}) and, as this exception's own
 * message and cause, what the log says. Neither holds the API key: the key travels only in a
 * request header, which no message here quotes.
 */
final class AnswerFailure extends Exception {
  private final transient AssistantException forUser;

  AnswerFailure(AssistantException forUser, String logDetail, Throwable cause) {
    super(logDetail, cause);
    this.forUser = forUser;
  }

  AnswerFailure(String userMessage, String logDetail, Throwable cause) {
    this(new AssistantException(userMessage, cause), logDetail, cause);
  }

  AssistantException forUser() {
    return forUser;
  }

  static AnswerFailure timedOut(Duration timeout, Throwable cause) {
    return new AnswerFailure(
        "The assistant took too long to answer (more than "
            + RetryAfter.words(timeout)
            + "); try again later.",
        "no complete answer within " + timeout,
        cause);
  }

  /**
   * The connection failed: before the response began the server is unreachable, after it the answer
   * broke off.
   *
   * @param answering whether the response had begun
   */
  static AnswerFailure transport(Throwable failure, boolean answering, Duration timeout) {
    Throwable cause = unwrap(failure);
    if (cause instanceof HttpTimeoutException && !(cause instanceof HttpConnectTimeoutException)) {
      return timedOut(timeout, cause);
    }
    if (!answering
        || cause instanceof ConnectException
        || cause instanceof HttpConnectTimeoutException
        || cause instanceof SSLException) {
      return new AnswerFailure(
          "The assistant is not reachable right now; try again later.",
          "the model server cannot be reached: " + cause,
          cause);
    }
    return brokeOff("the connection failed during the answer: " + cause, cause);
  }

  static AnswerFailure brokeOff(String logDetail, Throwable cause) {
    return new AnswerFailure(
        "The connection to the assistant broke off before the answer was complete;"
            + " try again later.",
        logDetail,
        cause);
  }

  static AnswerFailure unreadable(String logDetail) {
    return new AnswerFailure(
        "The model server sent an answer the bot cannot read; please tell the bot's owners.",
        logDetail,
        null);
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
